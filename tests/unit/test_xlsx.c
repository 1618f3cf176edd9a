/*
 * test_xlsx.c: the XLSX reader (io/xlsx_read.h) on small workbooks this
 * test writes with libxlsxwriter (numbers, shared and inline strings,
 * booleans, formulas with their results, rich strings) and on packages
 * it assembles part by part with libzip (namespace prefixes, cells
 * without references, phonetic runs, and every limit: a zip bomb, the
 * total inflated, too many parts, a DTD, an entity, nesting, a long
 * string, too many cells, bad and repeated cells); and the work sheet of
 * io/xlsx_template.h, written and read back unfilled.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "engine/builtin.h"
#include "engine/method.h"
#include "io/xlsx_read.h"
#include "io/xlsx_template.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/sha256.h"

#define NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NSR \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* A temporary file's name, and the file read into memory. */
static char *
tmp_path(void)
{
	const char *dir = getenv("TMPDIR");
	struct buf b;
	int fd;

	buf_init(&b);
	buf_printf(&b, "%s/dti-test-xlsx-XXXXXX",
	    dir != NULL && dir[0] != '\0' ? dir : "/tmp");
	fd = mkstemp(b.b_data);
	assert_true(fd >= 0);
	close(fd);
	return buf_steal(&b);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[8192];
	size_t n;

	assert_non_null(f);
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.b_len;
	return buf_steal(&b);
}

/* has(d, text): some message of ${d} (either language) holds ${text}. */
static int
has(const struct diag *d, const char *text)
{
	size_t i;

	for (i = 0; i < d->d_n; i++)
		if (strstr(d->d_items[i].di_vi, text) != NULL ||
		    strstr(d->d_items[i].di_en, text) != NULL)
			return 1;
	for (i = 0; i < d->d_n; i++)
		fprintf(stderr, "  message: %s\n", d->d_items[i].di_vi);
	return 0;
}

/* A workbook written by libxlsxwriter, read back into memory. */
static char *
lxw_book(int constant_memory, size_t *len)
{
	lxw_workbook_options o = { .constant_memory =
				       (uint8_t)constant_memory };
	char *path = tmp_path(), *data;
	lxw_workbook *wb = workbook_new_opt(path, &o);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Số liệu");
	lxw_worksheet *ws2 = workbook_add_worksheet(wb, "Khác");
	lxw_format *bold = workbook_add_format(wb);
	lxw_rich_string_tuple a = { .format = NULL, .string = "Xin " };
	lxw_rich_string_tuple b = { .format = bold, .string = "chào" };
	lxw_rich_string_tuple *rich[] = { &a, &b, NULL };

	format_set_bold(bold);
	worksheet_write_number(ws, 0, 0, 1234567.5, NULL);
	worksheet_write_string(ws, 0, 1, "Tỉnh Ninh Thuận", NULL);
	worksheet_write_boolean(ws, 0, 2, 1, NULL);
	worksheet_write_number(ws, 1, 0, 0.1, NULL);
	worksheet_write_number(ws, 1, 1, -3, NULL);
	worksheet_write_formula_num(ws, 1, 2, "=1+1", NULL, 2);
	worksheet_write_formula_str(ws, 2, 0, "=\"a\"&\"b\"", NULL, "ab");
	worksheet_write_blank(ws, 2, 1, bold); /* formatted, empty */
	worksheet_write_rich_string(ws, 2, 2, rich, NULL);
	worksheet_write_string(ws, 8, 7, "H9", NULL);
	worksheet_write_number(ws2, 0, 0, 7, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	data = slurp(path, len);
	unlink(path);
	free(path);
	return data;
}

/* The cell at ${row}, ${col} has ${type} and ${text}. */
static void
cell_is(const struct xlsx_sheet *sh, uint32_t row, uint32_t col,
    enum xlsx_type type, int formula, const char *text)
{
	const struct xlsx_cell *c = xlsx_cell(sh, row, col);

	assert_non_null(c);
	assert_int_equal(c->xv_type, type);
	assert_int_equal(c->xv_formula, formula);
	assert_string_equal(c->xv_text, text);
}

static void
read_written(int constant_memory)
{
	struct xlsx_sheet *sh = NULL;
	struct xlsx_book *b = NULL;
	struct diag d;
	size_t len;
	char *data = lxw_book(constant_memory, &len);

	diag_init(&d);
	assert_true(xlsx_is_zip(data, len));
	assert_int_equal(xlsx_open(&b, data, len, "t.xlsx", &d), 0);
	assert_true(xlsx_has_sheet(b, "Số liệu"));
	assert_true(xlsx_has_sheet(b, "Khác"));
	assert_false(xlsx_has_sheet(b, "số liệu"));
	assert_int_equal(xlsx_sheet_read(b, "Số liệu", &sh, &d), 0);
	cell_is(sh, 1, 1, XLSX_NUMBER, 0, "1234567.5");
	cell_is(sh, 1, 2, XLSX_TEXT, 0, "Tỉnh Ninh Thuận");
	cell_is(sh, 1, 3, XLSX_BOOL, 0, "1");
	cell_is(sh, 2, 1, XLSX_NUMBER, 0, "0.1");
	cell_is(sh, 2, 2, XLSX_NUMBER, 0, "-3");
	cell_is(sh, 2, 3, XLSX_NUMBER, 1, "2");
	cell_is(sh, 3, 1, XLSX_TEXT, 1, "ab");
	cell_is(sh, 3, 3, XLSX_TEXT, 0, "Xin chào");
	cell_is(sh, 9, 8, XLSX_TEXT, 0, "H9");
	assert_null(xlsx_cell(sh, 3, 2)); /* formatted but empty */
	assert_null(xlsx_cell(sh, 100, 1));
	assert_int_equal(sh->xs_n, 9);
	xlsx_sheet_free(sh);
	assert_int_equal(xlsx_sheet_read(b, "Khác", &sh, &d), 0);
	cell_is(sh, 1, 1, XLSX_NUMBER, 0, "7");
	xlsx_sheet_free(sh);
	assert_int_equal(xlsx_sheet_read(b, "Không có", &sh, &d), -1);
	assert_null(sh);
	assert_true(has(&d, "không có trang 'Không có'"));
	xlsx_close(b);
	diag_free(&d);
	free(data);
}

static void
test_libxlsxwriter(void **state)
{
	(void)state;
	read_written(0); /* shared strings */
}

static void
test_inline_strings(void **state)
{
	(void)state;
	read_written(1); /* constant memory mode writes inline strings */
}

/* A package of ${n} parts (name, content) assembled with libzip. */
struct part {
	const char *name;
	const char *text;
	size_t len; /* 0: strlen(text) */
};

static char *
zip_of(const struct part *parts, int n, size_t *len)
{
	char *path = tmp_path(), *data;
	zip_t *z;
	int err = 0, i;

	unlink(path);
	z = zip_open(path, ZIP_CREATE | ZIP_EXCL, &err);
	assert_non_null(z);
	for (i = 0; i < n; i++) {
		size_t l = parts[i].len ? parts[i].len : strlen(parts[i].text);
		zip_source_t *s =
		    zip_source_buffer(z, parts[i].text, (zip_uint64_t)l, 0);

		assert_non_null(s);
		assert_true(
		    zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	data = slurp(path, len);
	unlink(path);
	free(path);
	return data;
}

#define WORKBOOK \
	"<?xml version=\"1.0\"?><workbook xmlns=\"" NS "\" xmlns:r=\"" NSR \
	"\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>" \
	"</sheets></workbook>"
#define RELS \
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/" \
	"2006/relationships\"><Relationship Id=\"rId1\" Type=\"" NSR \
	"/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship " \
	"Id=\"rId2\" Type=\"" NSR "/sharedStrings\" " \
	"Target=\"/xl/sharedStrings.xml\"/></Relationships>"
#define STRINGS \
	"<sst xmlns=\"" NS "\"><si><t>một</t></si><si><r><t>ha</t></r>" \
	"<r><t>i</t></r><rPh><t>PHONETIC</t></rPh></si></sst>"

/*
 * book(sheet, strings, d, sh): a package with the sheet ${sheet} (and
 * ${strings}, or the default ones): 0 with its sheet "S" in ${sh}, or -1.
 */
static int
book(const char *sheet, const char *strings, struct diag *d,
    struct xlsx_sheet **sh)
{
	struct part p[] = {
		{ "xl/workbook.xml", WORKBOOK, 0 },
		{ "xl/_rels/workbook.xml.rels", RELS, 0 },
		{ "xl/sharedStrings.xml", strings ? strings : STRINGS, 0 },
		{ "xl/worksheets/sheet1.xml", sheet, 0 },
	};
	struct xlsx_book *b = NULL;
	size_t len;
	char *data = zip_of(p, 4, &len);
	int rc;

	*sh = NULL;
	rc = xlsx_open(&b, data, len, "p.xlsx", d);
	if (rc == 0)
		rc = xlsx_sheet_read(b, "S", sh, d);
	xlsx_close(b);
	free(data);
	return rc;
}

/* refused(sheet, strings, text): the package is refused saying ${text}. */
static void
refused(const char *sheet, const char *strings, const char *text)
{
	struct xlsx_sheet *sh;
	struct diag d;

	diag_init(&d);
	assert_int_equal(book(sheet, strings, &d, &sh), -1);
	assert_null(sh);
	assert_true(d.d_nerr > 0);
	assert_true(has(&d, text));
	diag_free(&d);
}

static void
test_xml_forms(void **state)
{
	/* a namespace prefix, cells and rows without references */
	static const char sheet[] =
	    "<x:worksheet xmlns:x=\"" NS "\"><x:sheetData>"
	    "<x:row><x:c t=\"s\"><x:v>1</x:v></x:c><x:c><x:v>5</x:v></x:c>"
	    "</x:row><x:row r=\"4\"><x:c r=\"C4\" t=\"inlineStr\"><x:is>"
	    "<x:r><x:t xml:space=\"preserve\">a </x:t></x:r><x:r><x:t>b</x:t>"
	    "</x:r><x:rPh><x:t>no</x:t></x:rPh></x:is></x:c>"
	    "<x:c t=\"e\"><x:v>#DIV/0!</x:v></x:c>"
	    "<x:c t=\"b\"><x:v>0</x:v></x:c></x:row>"
	    "<x:row><x:c t=\"s\"><x:f>A1</x:f></x:c></x:row>"
	    "</x:sheetData></x:worksheet>";
	struct xlsx_sheet *sh;
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(book(sheet, NULL, &d, &sh), 0);
	cell_is(sh, 1, 1, XLSX_TEXT, 0, "hai"); /* runs, not phonetic */
	cell_is(sh, 1, 2, XLSX_NUMBER, 0, "5");
	cell_is(sh, 4, 3, XLSX_TEXT, 0, "a b");
	cell_is(sh, 4, 4, XLSX_ERROR, 0, "#DIV/0!");
	cell_is(sh, 4, 5, XLSX_BOOL, 0, "0");
	cell_is(sh, 5, 1, XLSX_TEXT, 1, ""); /* a formula, no result */
	assert_int_equal(sh->xs_n, 6);
	xlsx_sheet_free(sh);
	diag_free(&d);
}

static void
test_bad_cells(void **state)
{
	(void)state;
	refused("<worksheet xmlns=\"" NS "\"><sheetData><row r=\"1\">"
		"<c r=\"A1\"><v>1</v></c><c r=\"A1\"><v>2</v></c></row>"
		"</sheetData></worksheet>",
	    NULL, "ô A1 có hai lần");
	refused("<worksheet xmlns=\"" NS "\"><sheetData><row r=\"1\">"
		"<c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>",
	    NULL, "tên ô 'XFE1' không hợp lệ");
	refused("<worksheet xmlns=\"" NS "\"><sheetData><row r=\"0\">"
		"</row></sheetData></worksheet>",
	    NULL, "số dòng '0' không hợp lệ");
	refused("<worksheet xmlns=\"" NS "\"><sheetData><row r=\"2\">"
		"<c r=\"B2\" t=\"s\"><v>2</v></c></row></sheetData>"
		"</worksheet>",
	    NULL, "ô B2: chuỗi dùng chung số '2' không có");
	refused("<worksheet xmlns=\"" NS "\"><sheetData><row r=\"2\">"
		"<c r=\"B2\" t=\"b\"><v>2</v></c></row></sheetData>"
		"</worksheet>",
	    NULL, "giá trị đúng/sai '2' không hợp lệ");
	refused("<worksheet xmlns=\"" NS "\"><sheetData><row r=\"2\">"
		"<c r=\"B2\" t=\"x\"><v>2</v></c></row></sheetData>"
		"</worksheet>",
	    NULL, "kiểu ô 'x' không rõ");
	refused("<worksheet><sheetData><row>", NULL, "XML không hợp lệ");
	refused("<worksheet xmlns=\"" NS "\"/>", "<sst><si><t>x</sst>",
	    "XLSX, phần xl/sharedStrings.xml: XML không hợp lệ");
}

static void
test_dtd(void **state)
{
	(void)state;
	/* billion laughs: refused at the DOCTYPE, before any entity */
	refused("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol "
		"\"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
		"<worksheet xmlns=\"" NS "\"><sheetData><row r=\"1\">"
		"<c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c>"
		"</row></sheetData></worksheet>",
	    NULL, "DOCTYPE");
	refused("<worksheet xmlns=\"" NS "\"/>",
	    "<!DOCTYPE sst SYSTEM \"file:///etc/passwd\"><sst/>", "DOCTYPE");
}

static void
test_depth_and_strings(void **state)
{
	struct buf b;
	int i;

	(void)state;
	buf_init(&b);
	buf_printf(&b, "<worksheet xmlns=\"%s\">", NS);
	for (i = 0; i < 70; i++)
		buf_puts(&b, "<a>");
	for (i = 0; i < 70; i++)
		buf_puts(&b, "</a>");
	buf_puts(&b, "</worksheet>");
	refused(buf_cstr(&b), NULL, "XML lồng quá 64 mức");
	buf_reset(&b);
	buf_printf(&b,
	    "<worksheet xmlns=\"%s\"><sheetData><row r=\"3\"><c r=\"D3\" "
	    "t=\"inlineStr\"><is><t>",
	    NS);
	for (i = 0; i <= XLSX_MAX_STRING; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "</t></is></c></row></sheetData></worksheet>");
	refused(buf_cstr(&b), NULL, "ô D3: chuỗi dài quá 32767 byte");
	buf_reset(&b);
	buf_puts(&b, "<sst><si><t>");
	for (i = 0; i <= XLSX_MAX_STRING; i++)
		buf_putc(&b, 'y');
	buf_puts(&b, "</t></si></sst>");
	refused("<worksheet/>", buf_cstr(&b), "chuỗi dài quá 32767 byte");
	buf_free(&b);
}

static void
test_too_many_cells(void **state)
{
	struct buf b;
	int r, c;

	(void)state;
	buf_init(&b);
	buf_printf(&b, "<worksheet xmlns=\"%s\"><sheetData>", NS);
	for (r = 1; r <= XLSX_MAX_CELLS / 10000 + 1; r++) {
		buf_printf(&b, "<row r=\"%d\">", r);
		for (c = 0; c < 10000; c++)
			buf_puts(&b, "<c><v>1</v></c>");
		buf_puts(&b, "</row>");
	}
	buf_puts(&b, "</sheetData></worksheet>");
	refused(buf_cstr(&b), NULL, "quá 200000 ô có giá trị");
	buf_free(&b);
}

static void
test_zip_bomb(void **state)
{
	size_t big = XLSX_MAX_PART + 1, len;
	char *spaces = xmalloc(big + 64), *data;
	struct xlsx_book *b = NULL;
	struct xlsx_sheet *sh = NULL;
	struct diag d;

	(void)state;
	/* one part past its limit: it says so from its header */
	memset(spaces, ' ', big + 64);
	memcpy(spaces, "<sst>", 5);
	memcpy(spaces + big + 58, "</sst>", 6);
	{
		struct part p[] = {
			{ "xl/workbook.xml", WORKBOOK, 0 },
			{ "xl/_rels/workbook.xml.rels", RELS, 0 },
			{ "xl/sharedStrings.xml", spaces, big + 64 },
		};

		data = zip_of(p, 3, &len);
	}
	assert_true(len < (1u << 20)); /* deflated, it is small */
	diag_init(&d);
	assert_int_equal(xlsx_open(&b, data, len, "bomb.xlsx", &d), -1);
	assert_true(has(&d, "XLSX, phần xl/sharedStrings.xml: giải nén ra"));
	assert_true(has(&d, "zip bomb"));
	diag_free(&d);
	free(data);
	/* parts under the limit each, past the total together */
	memcpy(spaces, "<worksheet>", 11);
	memcpy(spaces + XLSX_MAX_PART - 4096 - 12, "</worksheet>", 12);
	{
		static const char wb[] =
		    "<workbook xmlns:r=\"" NSR "\"><sheets>"
		    "<sheet name=\"S1\" r:id=\"r1\"/><sheet name=\"S2\" "
		    "r:id=\"r2\"/><sheet name=\"S3\" r:id=\"r3\"/><sheet "
		    "name=\"S4\" r:id=\"r4\"/></sheets></workbook>";
		static const char rels[] =
		    "<Relationships>"
		    "<Relationship Id=\"r1\" Type=\"x/worksheet\" "
		    "Target=\"worksheets/s.xml\"/>"
		    "<Relationship Id=\"r2\" Type=\"x/worksheet\" "
		    "Target=\"worksheets/s.xml\"/>"
		    "<Relationship Id=\"r3\" Type=\"x/worksheet\" "
		    "Target=\"worksheets/s.xml\"/>"
		    "<Relationship Id=\"r4\" Type=\"x/worksheet\" "
		    "Target=\"/xl/worksheets/s.xml\"/></Relationships>";
		struct part p[] = {
			{ "xl/workbook.xml", wb, 0 },
			{ "xl/_rels/workbook.xml.rels", rels, 0 },
			{ "xl/worksheets/s.xml", spaces, XLSX_MAX_PART - 4096 },
		};
		const char *names[] = { "S1", "S2", "S3", "S4" };
		int i, rc = 0;

		data = zip_of(p, 3, &len);
		diag_init(&d);
		assert_int_equal(xlsx_open(&b, data, len, "many.xlsx", &d), 0);
		for (i = 0; i < 4 && rc == 0; i++) {
			rc = xlsx_sheet_read(b, names[i], &sh, &d);
			xlsx_sheet_free(sh);
		}
		assert_int_equal(rc, -1);
		assert_int_equal(i, 4); /* 3 x 16 MiB - 4 KiB: within 48 MiB */
		assert_true(has(&d, "các phần giải nén ra hơn 50331648 byte"));
		xlsx_close(b);
		diag_free(&d);
		free(data);
	}
	free(spaces);
}

static void
test_not_a_workbook(void **state)
{
	static const char junk[] = "PK\3\4 this is no zip at all";
	struct xlsx_book *b = NULL;
	struct part many[XLSX_MAX_ENTRIES + 1];
	char names[XLSX_MAX_ENTRIES + 1][16];
	struct diag d;
	size_t len;
	char *data;
	int i;

	(void)state;
	diag_init(&d);
	assert_true(xlsx_is_zip(junk, sizeof(junk)));
	assert_false(xlsx_is_zip("unit,input", 10));
	assert_int_equal(xlsx_open(&b, junk, sizeof(junk), "j.xlsx", &d), -1);
	assert_null(b);
	assert_true(has(&d, "không phải tệp XLSX đọc được"));
	diag_free(&d);
	{
		struct part p[] = { { "word/document.xml", "<w/>", 0 } };

		data = zip_of(p, 1, &len);
	}
	diag_init(&d);
	assert_int_equal(xlsx_open(&b, data, len, "w.docx", &d), -1);
	assert_true(has(&d, "không phải bảng tính XLSX (không có xl/workbook"));
	diag_free(&d);
	free(data);
	for (i = 0; i <= XLSX_MAX_ENTRIES; i++) {
		snprintf(names[i], sizeof(names[i]), "f%d", i);
		many[i].name = names[i];
		many[i].text = "x";
		many[i].len = 0;
	}
	data = zip_of(many, XLSX_MAX_ENTRIES + 1, &len);
	diag_init(&d);
	assert_int_equal(xlsx_open(&b, data, len, "m.xlsx", &d), -1);
	assert_true(has(&d, "có 1025 phần, tối đa 1024"));
	diag_free(&d);
	free(data);
}

static void
test_ref_and_shown(void **state)
{
	char ref[16], tmp[12];

	(void)state;
	xlsx_ref(1, 1, ref);
	assert_string_equal(ref, "A1");
	xlsx_ref(9, 8, ref);
	assert_string_equal(ref, "H9");
	xlsx_ref(1, 27, ref);
	assert_string_equal(ref, "AA1");
	xlsx_ref(1048576, 16384, ref);
	assert_string_equal(ref, "XFD1048576");
	/* cut before a character, never inside one; controls shown as '?' */
	assert_string_equal(xlsx_shown("ab\ncd", tmp, sizeof(tmp)), "ab?cd");
	assert_string_equal(xlsx_shown("Đường dài", tmp, 10), "Đư...");
	assert_string_equal(
	    xlsx_shown("abcdefghijk", tmp, sizeof(tmp)), "abcdefghijk");
	assert_string_equal(
	    xlsx_shown("abcdefghijkl", tmp, sizeof(tmp)), "abcdefgh...");
}

/* The work sheet: written, read back unfilled, refused for other periods. */
static void
test_template(void **state)
{
	struct method *m = NULL;
	struct xlsx_trow rows[4];
	struct xlsx_tinfo in;
	struct xlsx_work w;
	struct diag d;
	char sha[65], *path = tmp_path(), *data;
	size_t len;
	int in33;

	(void)state;
	diag_init(&d);
	assert_int_equal(method_load(&m, builtin_method_text,
			     builtin_method_len, builtin_method_name, &d),
	    0);
	sha256_hex(builtin_method_text, builtin_method_len, sha);
	in33 = method_input(m, "3.3.a", 5);
	memset(rows, 0, sizeof(rows));
	rows[0].xt_kind = XLSX_ROW_GROUP;
	rows[0].xt_code = "III";
	rows[0].xt_label = "Hạ tầng số";
	rows[1].xt_kind = XLSX_ROW_ITEM;
	rows[1].xt_code = "3.3";
	rows[1].xt_label = "Tỷ lệ";
	rows[1].xt_rule = "a / b";
	rows[2].xt_kind = XLSX_ROW_INPUT;
	rows[2].xt_input = &m->m_inputs[in33];
	rows[2].xt_unit = "ninh-thuan";
	rows[3] = rows[2];
	rows[3].xt_input = &m->m_inputs[method_input(m, "1.1", 3)];
	memset(&in, 0, sizeof(in));
	in.xi_province = "Tỉnh Ninh Thuận";
	in.xi_period = "2023";
	in.xi_period_words = "năm 2023";
	in.xi_agency = "so-tttt";
	in.xi_agency_name = "Sở TTTT";
	in.xi_unit = "ninh-thuan";
	in.xi_unit_name = "Tỉnh Ninh Thuận";
	in.xi_deadline = "20/12/2023";
	in.xi_method = "dti-province-2022 (2022)";
	in.xi_method_sha = sha;
	in.xi_made = "hôm nay";
	assert_int_equal(xlsx_template_write(path, &in, rows, 4, &d), 0);
	data = slurp(path, &len);
	unlink(path);
	free(path);
	/* unfilled: no value, no error */
	assert_int_equal(
	    xlsx_template_read(data, len, "t.xlsx", m, "2023", sha, &w, &d), 0);
	assert_int_equal(w.xw_r->r_nunits, 0);
	assert_string_equal(w.xw_agency, "so-tttt");
	xlsx_template_free(&w);
	assert_int_equal(d.d_nerr, 0);
	assert_int_equal(
	    xlsx_template_read(data, len, "t.xlsx", m, "2024", sha, &w, &d),
	    -1);
	assert_true(
	    has(&d, "đây là phiếu nhập của kỳ 2023, không phải kỳ 2024"));
	assert_null(w.xw_r);
	diag_free(&d);
	diag_init(&d);
	assert_int_equal(xlsx_template_read(data, len, "t.xlsx", m, "2023",
			     "0000000000000000000000000000000000000000000000000"
			     "000000000000000",
			     &w, &d),
	    -1);
	assert_true(has(&d, "một phương pháp khác"));
	diag_free(&d);
	free(data);
	method_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_libxlsxwriter),
		cmocka_unit_test(test_inline_strings),
		cmocka_unit_test(test_xml_forms),
		cmocka_unit_test(test_bad_cells),
		cmocka_unit_test(test_dtd),
		cmocka_unit_test(test_depth_and_strings),
		cmocka_unit_test(test_too_many_cells),
		cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_not_a_workbook),
		cmocka_unit_test(test_ref_and_shown),
		cmocka_unit_test(test_template),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
