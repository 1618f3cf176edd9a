/*
 * xlsx_read.c: the cells of an XLSX workbook: libzip opens the package
 * from memory, expat reads each XML part as libzip inflates it, 64 KiB at
 * a time, so that a part is never held whole and a zip bomb is stopped at
 * the limit, not after it. Only the parts a reader needs are read:
 * xl/workbook.xml, its relationships, the shared strings and the sheets
 * asked for.
 */
#include "io/xlsx_read.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/buf.h"
#include "util/utf8.h"

#define XLSX_WORKBOOK "xl/workbook.xml"
#define XLSX_WORKBOOK_RELS "xl/_rels/workbook.xml.rels"
/* between a namespace and a local name in expat's names: in no URI */
#define XLSX_NS_SEP '\x01'
#define XLSX_MAX_RELS 4096 /* relationships of the workbook */

/* A sheet of the workbook and the part that holds it. */
struct xlsx_sheet_ref {
	char *xr_name;
	char *xr_rid; /* its relationship id in workbook.xml */
	char *xr_part; /* e.g. "xl/worksheets/sheet1.xml"; NULL: unknown */
};

/* A relationship of workbook.xml. */
struct xlsx_rel {
	char *xl_id;
	char *xl_type; /* the last segment of the Type URI: "worksheet" */
	char *xl_target;
};

struct xlsx_book {
	zip_t *xb_zip;
	char *xb_file; /* the file's name in messages */
	size_t xb_total; /* bytes inflated so far, all parts */
	struct xlsx_sheet_ref *xb_sheets;
	int xb_nsheets;
	struct xlsx_rel *xb_rels;
	int xb_nrels;
	char **xb_strings; /* the shared strings */
	size_t xb_nstrings;
	size_t xb_scap;
};

/* What one part's parse is reading. */
enum xlsx_part_kind {
	XP_WORKBOOK,
	XP_RELS,
	XP_STRINGS,
	XP_SHEET,
};

/* The state of the parse of one part, shared by the expat handlers. */
struct xlsx_parse {
	enum xlsx_part_kind xa_kind;
	XML_Parser xa_p;
	struct xlsx_book *xa_b;
	const char *xa_part; /* the part's name */
	const char *xa_sheet; /* the sheet's name (XP_SHEET) */
	struct diag *xa_d;
	int xa_depth;
	int xa_failed; /* a handler stopped the parse; its reason is in xa_d */
	int xa_collect; /* inside an element whose text is kept */
	int xa_phonetic; /* depth in <rPh> (phonetic runs: not the text) */
	struct buf xa_text;
	/* shared strings */
	int xa_in_si;
	/* sheets */
	int xa_in_data; /* inside <sheetData> */
	int xa_in_cell;
	int xa_in_is; /* inside a cell's inline string */
	int xa_has_value;
	int xa_formula;
	uint32_t xa_row; /* the current row */
	uint32_t xa_col; /* the column of the last cell of the row */
	uint32_t xa_crow; /* the current cell */
	uint32_t xa_ccol;
	char xa_type[12]; /* its t attribute */
	struct xlsx_sheet *xa_out;
	size_t xa_cap;
};

int
xlsx_is_zip(const void *data, size_t len)
{
	return len >= 4 &&
	    (memcmp(data, "PK\3\4", 4) == 0 || memcmp(data, "PK\5\6", 4) == 0);
}

void
xlsx_ref(uint32_t row, uint32_t col, char out[16])
{
	char letters[8];
	int n = 0, i = 0;

	while (col > 0 && n < 7) {
		letters[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	while (n > 0)
		out[i++] = letters[--n];
	snprintf(out + i, (size_t)(16 - i), "%u", (unsigned)row);
}

const char *
xlsx_shown(const char *s, char *tmp, size_t size)
{
	size_t n = strlen(s), i;

	if (size < 8) {
		tmp[0] = '\0';
		return tmp;
	}
	if (n > size - 1) {
		n = size - 4;
		/* do not cut a character in two */
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		memcpy(tmp, s, n);
		memcpy(tmp + n, "...", 4);
	} else {
		memcpy(tmp, s, n + 1);
	}
	for (i = 0; tmp[i] != '\0'; i++)
		if ((unsigned char)tmp[i] < 0x20 || tmp[i] == 0x7f)
			tmp[i] = '?';
	/* a message is UTF-8 whatever it quotes */
	for (i = 0; !utf8_valid(tmp, strlen(tmp)) && tmp[i] != '\0'; i++)
		if ((unsigned char)tmp[i] >= 0x80)
			tmp[i] = '?';
	return tmp;
}

/* The local part of an expat name "URI\x01local" (or the name itself). */
static const char *
local(const char *name)
{
	const char *p = strrchr(name, XLSX_NS_SEP);

	return p != NULL ? p + 1 : name;
}

/* attr(atts, name, ns): the value of attribute ${name}, or NULL. */
static const char *
attr(const XML_Char **atts, const char *name, int ns)
{
	int i;

	for (i = 0; atts[i] != NULL; i += 2) {
		int has_ns = strchr(atts[i], XLSX_NS_SEP) != NULL;

		if (has_ns == ns && strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	}
	return NULL;
}

/*
 * fail(xp, vi, en, ...): record why the part cannot be read and stop its
 * parse; the message starts with the file and the part.
 */
__attribute__((format(printf, 2, 4))) static void
fail(struct xlsx_parse *xp, const char *vi, const char *en, ...)
{
	struct diag why;
	va_list ap;

	if (xp->xa_failed)
		return;
	diag_init(&why);
	va_start(ap, en);
	diag_vadd(&why, DIAG_ERROR, "xlsx.invalid", NULL, 0, 0, vi, en, ap);
	va_end(ap);
	if (xp->xa_kind == XP_SHEET)
		diag_wrap(xp->xa_d, &why, "xlsx.invalid", xp->xa_b->xb_file, 0,
		    0, "Sheet '%s'", "sheet '%s'", xp->xa_sheet);
	else
		diag_wrap(xp->xa_d, &why, "xlsx.invalid", xp->xa_b->xb_file, 0,
		    0, "XLSX, phần %s", "XLSX, part %s", xp->xa_part);
	diag_free(&why);
	xp->xa_failed = 1;
	XML_StopParser(xp->xa_p, XML_FALSE);
}

/* The cell being read, named for a message: "H9". */
static const char *
cell_name(const struct xlsx_parse *xp, char out[16])
{
	xlsx_ref(xp->xa_crow, xp->xa_ccol, out);
	return out;
}

/*
 * parse_ref(s, row, col): a cell reference "H9" into ${row}, ${col};
 * -1 when it is not one.
 */
static int
parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
	unsigned long c = 0, r = 0;
	int nl = 0, nd = 0;

	while (*s >= 'A' && *s <= 'Z' && nl < 4) {
		c = c * 26 + (unsigned long)(*s++ - 'A' + 1);
		nl++;
	}
	while (*s >= '0' && *s <= '9' && nd < 8) {
		r = r * 10 + (unsigned long)(*s++ - '0');
		nd++;
	}
	if (*s != '\0' || nl == 0 || nd == 0 || c > XLSX_MAX_COL || r == 0 ||
	    r > XLSX_MAX_ROW)
		return -1;
	*row = (uint32_t)r;
	*col = (uint32_t)c;
	return 0;
}

/* parse_uint(s, max, out): a decimal number 0..${max}; -1 if not one. */
static int
parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	int n = 0;

	while (*s >= '0' && *s <= '9' && n < 10) {
		v = v * 10 + (unsigned long)(*s++ - '0');
		n++;
	}
	if (*s != '\0' || n == 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

static void
sheet_start(struct xlsx_parse *xp, const char *name, const XML_Char **atts)
{
	const char *r;
	char t[32], ref[16];

	if (strcmp(name, "sheetData") == 0) {
		xp->xa_in_data = 1;
		return;
	}
	if (!xp->xa_in_data)
		return;
	if (strcmp(name, "row") == 0) {
		unsigned long v;

		r = attr(atts, "r", 0);
		if (r == NULL) {
			v = (unsigned long)xp->xa_row + 1;
		} else if (parse_uint(r, XLSX_MAX_ROW, &v) < 0 || v == 0) {
			fail(xp, "số dòng '%s' không hợp lệ",
			    "bad row number '%s'", xlsx_shown(r, t, sizeof(t)));
			return;
		}
		if (v > XLSX_MAX_ROW) {
			fail(xp, "quá %d dòng", "more than %d rows",
			    XLSX_MAX_ROW);
			return;
		}
		xp->xa_row = (uint32_t)v;
		xp->xa_col = 0;
		return;
	}
	if (strcmp(name, "c") == 0) {
		const char *ty = attr(atts, "t", 0);

		r = attr(atts, "r", 0);
		if (r != NULL) {
			if (parse_ref(r, &xp->xa_crow, &xp->xa_ccol) < 0) {
				fail(xp, "tên ô '%s' không hợp lệ",
				    "bad cell reference '%s'",
				    xlsx_shown(r, t, sizeof(t)));
				return;
			}
		} else {
			if (xp->xa_row == 0 || xp->xa_col >= XLSX_MAX_COL) {
				fail(xp, "ô không có tên ngoài một dòng",
				    "a cell without a reference outside a row");
				return;
			}
			xp->xa_crow = xp->xa_row;
			xp->xa_ccol = xp->xa_col + 1;
		}
		xp->xa_col = xp->xa_ccol;
		if (ty != NULL && strlen(ty) >= sizeof(xp->xa_type)) {
			/* no type is that long: shown whole, never cut */
			fail(xp, "ô %s: kiểu ô '%s' không rõ",
			    "cell %s: unknown type '%s'", cell_name(xp, ref),
			    xlsx_shown(ty, t, sizeof(t)));
			return;
		}
		snprintf(xp->xa_type, sizeof(xp->xa_type), "%s",
		    ty != NULL ? ty : "n");
		xp->xa_in_cell = 1;
		xp->xa_has_value = 0;
		xp->xa_formula = 0;
		buf_reset(&xp->xa_text);
		return;
	}
	if (!xp->xa_in_cell)
		return;
	if (strcmp(name, "v") == 0) {
		buf_reset(&xp->xa_text);
		xp->xa_collect = 1;
	} else if (strcmp(name, "f") == 0) {
		xp->xa_formula = 1;
	} else if (strcmp(name, "is") == 0) {
		xp->xa_in_is = 1;
		buf_reset(&xp->xa_text);
	} else if (strcmp(name, "rPh") == 0) {
		xp->xa_phonetic++;
	} else if (strcmp(name, "t") == 0 && xp->xa_in_is &&
	    xp->xa_phonetic == 0) {
		xp->xa_collect = 1; /* the runs of a rich string add up */
	}
}

/* cell_add(xp): the cell just read joins the sheet. */
static void
cell_add(struct xlsx_parse *xp)
{
	struct xlsx_sheet *sh = xp->xa_out;
	struct xlsx_book *b = xp->xa_b;
	const char *text = buf_cstr(&xp->xa_text);
	enum xlsx_type type;
	struct xlsx_cell *c;
	char ref[16], t[32];

	if (!xp->xa_has_value && !xp->xa_formula)
		return; /* a formatted, empty cell */
	if (strcmp(xp->xa_type, "s") == 0) {
		unsigned long k;

		if (xp->xa_has_value &&
		    (parse_uint(text, b->xb_nstrings, &k) < 0 ||
			k >= b->xb_nstrings)) {
			fail(xp, "ô %s: chuỗi dùng chung số '%s' không có",
			    "cell %s: no shared string number '%s'",
			    cell_name(xp, ref), xlsx_shown(text, t, sizeof(t)));
			return;
		}
		text = xp->xa_has_value ? b->xb_strings[k] : "";
		type = XLSX_TEXT;
	} else if (strcmp(xp->xa_type, "inlineStr") == 0 ||
	    strcmp(xp->xa_type, "str") == 0 || strcmp(xp->xa_type, "d") == 0) {
		type = XLSX_TEXT;
	} else if (strcmp(xp->xa_type, "b") == 0) {
		if (xp->xa_has_value && strcmp(text, "0") != 0 &&
		    strcmp(text, "1") != 0) {
			fail(xp, "ô %s: giá trị đúng/sai '%s' không hợp lệ",
			    "cell %s: bad boolean '%s'", cell_name(xp, ref),
			    xlsx_shown(text, t, sizeof(t)));
			return;
		}
		type = XLSX_BOOL;
	} else if (strcmp(xp->xa_type, "e") == 0) {
		type = XLSX_ERROR;
	} else if (strcmp(xp->xa_type, "n") == 0) {
		type = XLSX_NUMBER;
	} else {
		fail(xp, "ô %s: kiểu ô '%s' không rõ",
		    "cell %s: unknown type '%s'", cell_name(xp, ref),
		    xlsx_shown(xp->xa_type, t, sizeof(t)));
		return;
	}
	if (sh->xs_n >= XLSX_MAX_CELLS) {
		fail(xp, "quá %d ô có giá trị",
		    "more than %d cells with a value", XLSX_MAX_CELLS);
		return;
	}
	if (sh->xs_n == xp->xa_cap) {
		xp->xa_cap = xp->xa_cap ? xp->xa_cap * 2 : 256;
		sh->xs_cells =
		    xreallocarray(sh->xs_cells, xp->xa_cap, sizeof(*c));
	}
	c = &sh->xs_cells[sh->xs_n++];
	c->xv_row = xp->xa_crow;
	c->xv_col = xp->xa_ccol;
	c->xv_type = type;
	c->xv_formula = xp->xa_formula;
	c->xv_text = xstrdup(text);
}

static void
sheet_end(struct xlsx_parse *xp, const char *name)
{
	if (strcmp(name, "sheetData") == 0) {
		xp->xa_in_data = 0;
	} else if (!xp->xa_in_cell) {
		return;
	} else if (strcmp(name, "c") == 0) {
		cell_add(xp);
		xp->xa_in_cell = 0;
		xp->xa_in_is = 0;
		xp->xa_collect = 0;
	} else if (strcmp(name, "v") == 0) {
		xp->xa_collect = 0;
		xp->xa_has_value = 1;
	} else if (strcmp(name, "is") == 0) {
		xp->xa_in_is = 0;
		xp->xa_has_value = 1;
	} else if (strcmp(name, "rPh") == 0) {
		xp->xa_phonetic--;
	} else if (strcmp(name, "t") == 0) {
		xp->xa_collect = 0;
	}
}

static void
strings_start(struct xlsx_parse *xp, const char *name)
{
	if (strcmp(name, "si") == 0) {
		xp->xa_in_si = 1;
		buf_reset(&xp->xa_text);
	} else if (strcmp(name, "rPh") == 0) {
		xp->xa_phonetic++;
	} else if (strcmp(name, "t") == 0 && xp->xa_in_si &&
	    xp->xa_phonetic == 0) {
		xp->xa_collect = 1;
	}
}

static void
strings_end(struct xlsx_parse *xp, const char *name)
{
	struct xlsx_book *b = xp->xa_b;

	if (strcmp(name, "t") == 0) {
		xp->xa_collect = 0;
	} else if (strcmp(name, "rPh") == 0) {
		xp->xa_phonetic--;
	} else if (strcmp(name, "si") == 0 && xp->xa_in_si) {
		xp->xa_in_si = 0;
		if (b->xb_nstrings >= XLSX_MAX_STRINGS) {
			fail(xp, "quá %d chuỗi dùng chung",
			    "more than %d shared strings", XLSX_MAX_STRINGS);
			return;
		}
		if (b->xb_nstrings == b->xb_scap) {
			b->xb_scap = b->xb_scap ? b->xb_scap * 2 : 256;
			b->xb_strings = xreallocarray(
			    b->xb_strings, b->xb_scap, sizeof(char *));
		}
		b->xb_strings[b->xb_nstrings++] =
		    xstrdup(buf_cstr(&xp->xa_text));
	}
}

static void
workbook_start(struct xlsx_parse *xp, const char *name, const XML_Char **atts)
{
	struct xlsx_book *b = xp->xa_b;
	const char *sn, *rid;
	struct xlsx_sheet_ref *r;

	if (strcmp(name, "sheet") != 0)
		return;
	sn = attr(atts, "name", 0);
	rid = attr(atts, "id", 1);
	if (sn == NULL || rid == NULL) {
		fail(xp, "một trang không có tên hoặc id",
		    "a sheet without a name or id");
		return;
	}
	if (b->xb_nsheets >= XLSX_MAX_SHEETS) {
		fail(
		    xp, "quá %d trang", "more than %d sheets", XLSX_MAX_SHEETS);
		return;
	}
	b->xb_sheets = xreallocarray(
	    b->xb_sheets, (size_t)b->xb_nsheets + 1, sizeof(*b->xb_sheets));
	r = &b->xb_sheets[b->xb_nsheets++];
	r->xr_name = xstrdup(sn);
	r->xr_rid = xstrdup(rid);
	r->xr_part = NULL;
}

static void
rels_start(struct xlsx_parse *xp, const char *name, const XML_Char **atts)
{
	struct xlsx_book *b = xp->xa_b;
	const char *id, *type, *target, *mode, *slash;
	struct xlsx_rel *r;

	if (strcmp(name, "Relationship") != 0)
		return;
	id = attr(atts, "Id", 0);
	type = attr(atts, "Type", 0);
	target = attr(atts, "Target", 0);
	mode = attr(atts, "TargetMode", 0);
	if (id == NULL || type == NULL || target == NULL ||
	    (mode != NULL && strcmp(mode, "External") == 0))
		return;
	if (b->xb_nrels >= XLSX_MAX_RELS) {
		fail(xp, "quá %d quan hệ", "more than %d relationships",
		    XLSX_MAX_RELS);
		return;
	}
	slash = strrchr(type, '/');
	b->xb_rels = xreallocarray(
	    b->xb_rels, (size_t)b->xb_nrels + 1, sizeof(*b->xb_rels));
	r = &b->xb_rels[b->xb_nrels++];
	r->xl_id = xstrdup(id);
	r->xl_type = xstrdup(slash != NULL ? slash + 1 : type);
	r->xl_target = xstrdup(target);
}

static void XMLCALL
on_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_parse *xp = ctx;
	const char *ln = local(name);

	if (xp->xa_failed)
		return;
	if (++xp->xa_depth > XLSX_MAX_DEPTH) {
		fail(xp, "XML lồng quá %d mức", "XML nested deeper than %d",
		    XLSX_MAX_DEPTH);
		return;
	}
	switch (xp->xa_kind) {
	case XP_WORKBOOK: workbook_start(xp, ln, atts); break;
	case XP_RELS: rels_start(xp, ln, atts); break;
	case XP_STRINGS: strings_start(xp, ln); break;
	case XP_SHEET: sheet_start(xp, ln, atts); break;
	}
}

static void XMLCALL
on_end(void *ctx, const XML_Char *name)
{
	struct xlsx_parse *xp = ctx;
	const char *ln = local(name);

	if (xp->xa_failed)
		return;
	xp->xa_depth--;
	switch (xp->xa_kind) {
	case XP_WORKBOOK:
	case XP_RELS: break;
	case XP_STRINGS: strings_end(xp, ln); break;
	case XP_SHEET: sheet_end(xp, ln); break;
	}
}

static void XMLCALL
on_text(void *ctx, const XML_Char *s, int len)
{
	struct xlsx_parse *xp = ctx;
	char ref[16];

	if (xp->xa_failed || !xp->xa_collect || len <= 0)
		return;
	if (xp->xa_text.b_len + (size_t)len > XLSX_MAX_STRING) {
		if (xp->xa_kind == XP_SHEET)
			fail(xp, "ô %s: chuỗi dài quá %d byte",
			    "cell %s: a string longer than %d bytes",
			    cell_name(xp, ref), XLSX_MAX_STRING);
		else
			fail(xp, "chuỗi dài quá %d byte",
			    "a string longer than %d bytes", XLSX_MAX_STRING);
		return;
	}
	buf_append(&xp->xa_text, s, (size_t)len);
}

/* A DTD may declare entities (billion laughs): a workbook has none. */
static void XMLCALL
on_doctype(void *ctx, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	fail(ctx, "có khai báo DOCTYPE (không được phép)",
	    "a DOCTYPE declaration (not allowed)");
}

static void XMLCALL
on_entity(void *ctx, const XML_Char *name, int is_param, const XML_Char *value,
    int value_len, const XML_Char *base, const XML_Char *sysid,
    const XML_Char *pubid, const XML_Char *notation)
{
	(void)name;
	(void)is_param;
	(void)value;
	(void)value_len;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	fail(ctx, "có khai báo thực thể (không được phép)",
	    "an entity declaration (not allowed)");
}

/*
 * part_error(b, part, d, vi, en, ...): an error about part ${part} of
 * ${b} in ${d}.
 */
__attribute__((format(printf, 4, 6))) static void
part_error(const struct xlsx_book *b, const char *part, struct diag *d,
    const char *vi, const char *en, ...)
{
	struct diag why;
	va_list ap;

	diag_init(&why);
	va_start(ap, en);
	diag_vadd(&why, DIAG_ERROR, "xlsx.invalid", NULL, 0, 0, vi, en, ap);
	va_end(ap);
	diag_wrap(d, &why, "xlsx.invalid", b->xb_file, 0, 0, "XLSX, phần %s",
	    "XLSX, part %s", part);
	diag_free(&why);
}

/* locate(b, part): the index of ${part} in the package, or -1. */
static zip_int64_t
locate(const struct xlsx_book *b, const char *part)
{
	zip_int64_t i = zip_name_locate(b->xb_zip, part, 0);

	/* part names are case-insensitive (ECMA-376 part 2, 8.1.1.1) */
	return i >= 0 ? i : zip_name_locate(b->xb_zip, part, ZIP_FL_NOCASE);
}

/*
 * part_read(b, xp, d): parse part ${xp}->xa_part with ${xp}'s handlers,
 * inflating 64 KiB at a time within the limits. 0, or -1 with the
 * reason in ${d}.
 */
static int
part_read(struct xlsx_book *b, struct xlsx_parse *xp, struct diag *d)
{
	enum { CHUNK = 1 << 16 };
	zip_int64_t idx = locate(b, xp->xa_part);
	zip_uint64_t part_bytes = 0;
	zip_file_t *zf;
	zip_stat_t st;
	char *chunk;
	int rc = -1;

	if (idx < 0) {
		part_error(
		    b, xp->xa_part, d, "không có trong tệp", "not in the file");
		return -1;
	}
	zip_stat_init(&st);
	if (zip_stat_index(b->xb_zip, (zip_uint64_t)idx, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_SIZE) && st.size > XLSX_MAX_PART) {
		part_error(b, xp->xa_part, d,
		    "giải nén ra %llu byte, quá giới hạn %u byte (tệp nén bất thường: 'zip bomb'?)",
		    "inflates to %llu bytes, over the limit of %u bytes (an abnormal archive: a zip bomb?)",
		    (unsigned long long)st.size, XLSX_MAX_PART);
		return -1;
	}
	zf = zip_fopen_index(b->xb_zip, (zip_uint64_t)idx, 0);
	if (zf == NULL) {
		part_error(b, xp->xa_part, d, "không mở được (%s)",
		    "cannot be opened (%s)", zip_strerror(b->xb_zip));
		return -1;
	}
	xp->xa_b = b;
	xp->xa_d = d;
	buf_init(&xp->xa_text);
	xp->xa_p = XML_ParserCreateNS(NULL, XLSX_NS_SEP);
	if (xp->xa_p == NULL) {
		zip_fclose(zf);
		part_error(b, xp->xa_part, d, "hết bộ nhớ", "out of memory");
		return -1;
	}
	XML_SetUserData(xp->xa_p, xp);
	XML_SetElementHandler(xp->xa_p, on_start, on_end);
	XML_SetCharacterDataHandler(xp->xa_p, on_text);
	XML_SetStartDoctypeDeclHandler(xp->xa_p, on_doctype);
	XML_SetEntityDeclHandler(xp->xa_p, on_entity);
	chunk = xmalloc(CHUNK); /* servers' threads: not on their stacks */
	for (;;) {
		zip_int64_t n = zip_fread(zf, chunk, CHUNK);

		if (n < 0) {
			part_error(b, xp->xa_part, d,
			    "không giải nén được (%s)",
			    "cannot be inflated (%s)", zip_file_strerror(zf));
			break;
		}
		part_bytes += (zip_uint64_t)n;
		b->xb_total += (size_t)n;
		if (part_bytes > XLSX_MAX_PART) {
			part_error(b, xp->xa_part, d,
			    "giải nén ra hơn %u byte (tệp nén bất thường: 'zip bomb'?)",
			    "inflates to more than %u bytes (an abnormal archive: a zip bomb?)",
			    XLSX_MAX_PART);
			break;
		}
		if (b->xb_total > XLSX_MAX_TOTAL) {
			part_error(b, xp->xa_part, d,
			    "các phần giải nén ra hơn %u byte (tệp nén bất thường: 'zip bomb'?)",
			    "the parts inflate to more than %u bytes (an abnormal archive: a zip bomb?)",
			    XLSX_MAX_TOTAL);
			break;
		}
		if (XML_Parse(xp->xa_p, chunk, (int)n, n == 0) ==
		    XML_STATUS_ERROR) {
			if (!xp->xa_failed)
				part_error(b, xp->xa_part, d,
				    "XML không hợp lệ ở dòng %lu, cột %lu%.0s",
				    "invalid XML at line %lu, column %lu: %s",
				    (unsigned long)XML_GetCurrentLineNumber(
					xp->xa_p),
				    (unsigned long)XML_GetCurrentColumnNumber(
					xp->xa_p),
				    XML_ErrorString(
					XML_GetErrorCode(xp->xa_p)));
			break;
		}
		if (n == 0) {
			rc = 0;
			break;
		}
	}
	free(chunk);
	XML_ParserFree(xp->xa_p);
	zip_fclose(zf);
	buf_free(&xp->xa_text);
	return rc;
}

void
xlsx_close(struct xlsx_book *b)
{
	size_t k;
	int i;

	if (b == NULL)
		return;
	if (b->xb_zip != NULL)
		zip_discard(b->xb_zip);
	for (i = 0; i < b->xb_nsheets; i++) {
		free(b->xb_sheets[i].xr_name);
		free(b->xb_sheets[i].xr_rid);
		free(b->xb_sheets[i].xr_part);
	}
	free(b->xb_sheets);
	for (i = 0; i < b->xb_nrels; i++) {
		free(b->xb_rels[i].xl_id);
		free(b->xb_rels[i].xl_type);
		free(b->xb_rels[i].xl_target);
	}
	free(b->xb_rels);
	for (k = 0; k < b->xb_nstrings; k++)
		free(b->xb_strings[k]);
	free(b->xb_strings);
	free(b->xb_file);
	free(b);
}

/*
 * target_part(target): the part a relationship of xl/workbook.xml names:
 * relative to xl/, or absolute from the package's root; NULL for one that
 * leaves the package or climbs ("..").
 */
static char *
target_part(const char *target)
{
	struct buf p;

	if (strstr(target, "..") != NULL || strstr(target, "://") != NULL ||
	    target[0] == '\0')
		return NULL;
	buf_init(&p);
	if (target[0] == '/')
		buf_puts(&p, target + 1);
	else
		buf_printf(&p, "xl/%s", target);
	return buf_steal(&p);
}

/* The package's parts: the workbook, its relationships, shared strings. */
static int
book_parts(struct xlsx_book *b, struct diag *d)
{
	struct xlsx_parse xp;
	const char *strings = NULL;
	char t[80];
	int i, k;

	memset(&xp, 0, sizeof(xp));
	xp.xa_kind = XP_WORKBOOK;
	xp.xa_part = XLSX_WORKBOOK;
	if (part_read(b, &xp, d) < 0)
		return -1;
	memset(&xp, 0, sizeof(xp));
	xp.xa_kind = XP_RELS;
	xp.xa_part = XLSX_WORKBOOK_RELS;
	if (part_read(b, &xp, d) < 0)
		return -1;
	/* a sheet's part: the first relationship of its id (ids repeat in
	 * no valid file, but may in a crafted one) */
	for (i = 0; i < b->xb_nsheets; i++) {
		for (k = 0; k < b->xb_nrels && b->xb_sheets[i].xr_part == NULL;
		     k++)
			if (strcmp(b->xb_rels[k].xl_id,
				b->xb_sheets[i].xr_rid) == 0 &&
			    strcmp(b->xb_rels[k].xl_type, "worksheet") == 0)
				b->xb_sheets[i].xr_part =
				    target_part(b->xb_rels[k].xl_target);
	}
	for (k = 0; k < b->xb_nrels; k++)
		if (strcmp(b->xb_rels[k].xl_type, "sharedStrings") == 0)
			strings = b->xb_rels[k].xl_target;
	if (strings == NULL)
		return 0; /* a workbook without text */
	memset(&xp, 0, sizeof(xp));
	xp.xa_kind = XP_STRINGS;
	{
		char *part = target_part(strings);
		int rc;

		if (part == NULL) {
			part_error(b, XLSX_WORKBOOK_RELS, d,
			    "đường dẫn chuỗi dùng chung '%s' không hợp lệ",
			    "bad shared strings target '%s'",
			    xlsx_shown(strings, t, sizeof(t)));
			return -1;
		}
		xp.xa_part = part;
		rc = part_read(b, &xp, d);
		free(part);
		return rc;
	}
}

int
xlsx_open(struct xlsx_book **out, const void *data, size_t len,
    const char *file, struct diag *d)
{
	struct xlsx_book *b;
	zip_source_t *src;
	zip_error_t ze;
	zip_int64_t n;

	*out = NULL;
	b = xcalloc(1, sizeof(*b));
	b->xb_file = xstrdup(file != NULL ? file : "xlsx");
	if (len > XLSX_MAX_FILE) {
		diag_add(d, DIAG_ERROR, "xlsx.size", b->xb_file, 0, 0,
		    "tệp XLSX quá lớn (%zu byte, tối đa %u)",
		    "XLSX file too large (%zu bytes, at most %u)", len,
		    XLSX_MAX_FILE);
		xlsx_close(b);
		return -1;
	}
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src != NULL) {
		b->xb_zip =
		    zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
		if (b->xb_zip == NULL)
			zip_source_free(src);
	}
	if (b->xb_zip == NULL) {
		diag_add(d, DIAG_ERROR, "xlsx.zip", b->xb_file, 0, 0,
		    "không phải tệp XLSX đọc được: tệp nén (zip) hỏng hoặc không đầy đủ%.0s",
		    "not a readable XLSX file: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		xlsx_close(b);
		return -1;
	}
	zip_error_fini(&ze);
	n = zip_get_num_entries(b->xb_zip, 0);
	if (n < 0 || n > XLSX_MAX_ENTRIES) {
		diag_add(d, DIAG_ERROR, "xlsx.zip", b->xb_file, 0, 0,
		    "tệp XLSX có %lld phần, tối đa %d",
		    "the XLSX file has %lld parts, at most %d", (long long)n,
		    XLSX_MAX_ENTRIES);
		xlsx_close(b);
		return -1;
	}
	if (locate(b, XLSX_WORKBOOK) < 0) {
		diag_add(d, DIAG_ERROR, "xlsx.workbook", b->xb_file, 0, 0,
		    "tệp nén không phải bảng tính XLSX (không có %s)",
		    "the archive is not an XLSX workbook (no %s)",
		    XLSX_WORKBOOK);
		xlsx_close(b);
		return -1;
	}
	if (book_parts(b, d) < 0) {
		xlsx_close(b);
		return -1;
	}
	*out = b;
	return 0;
}

int
xlsx_has_sheet(const struct xlsx_book *b, const char *name)
{
	int i;

	for (i = 0; i < b->xb_nsheets; i++)
		if (strcmp(b->xb_sheets[i].xr_name, name) == 0)
			return 1;
	return 0;
}

static int
cell_cmp(const void *pa, const void *pb)
{
	const struct xlsx_cell *a = pa, *b = pb;

	if (a->xv_row != b->xv_row)
		return a->xv_row < b->xv_row ? -1 : 1;
	return a->xv_col < b->xv_col ? -1 : a->xv_col > b->xv_col;
}

void
xlsx_sheet_free(struct xlsx_sheet *sh)
{
	size_t i;

	if (sh == NULL)
		return;
	for (i = 0; i < sh->xs_n; i++)
		free(sh->xs_cells[i].xv_text);
	free(sh->xs_cells);
	free(sh->xs_name);
	free(sh);
}

int
xlsx_sheet_read(struct xlsx_book *b, const char *name, struct xlsx_sheet **out,
    struct diag *d)
{
	const struct xlsx_sheet_ref *r = NULL;
	struct xlsx_sheet *sh;
	struct xlsx_parse xp;
	size_t i;
	int k;

	*out = NULL;
	for (k = 0; k < b->xb_nsheets && r == NULL; k++)
		if (strcmp(b->xb_sheets[k].xr_name, name) == 0)
			r = &b->xb_sheets[k];
	if (r == NULL || r->xr_part == NULL) {
		diag_add(d, DIAG_ERROR, "xlsx.sheet", b->xb_file, 0, 0,
		    "bảng tính không có trang '%s'",
		    "the workbook has no sheet '%s'", name);
		return -1;
	}
	sh = xcalloc(1, sizeof(*sh));
	sh->xs_name = xstrdup(name);
	memset(&xp, 0, sizeof(xp));
	xp.xa_kind = XP_SHEET;
	xp.xa_part = r->xr_part;
	xp.xa_sheet = sh->xs_name;
	xp.xa_out = sh;
	if (part_read(b, &xp, d) < 0) {
		xlsx_sheet_free(sh);
		return -1;
	}
	if (sh->xs_n > 1)
		qsort(sh->xs_cells, sh->xs_n, sizeof(*sh->xs_cells), cell_cmp);
	for (i = 1; i < sh->xs_n; i++) {
		if (cell_cmp(&sh->xs_cells[i - 1], &sh->xs_cells[i]) == 0) {
			char ref[16];

			xlsx_ref(sh->xs_cells[i].xv_row, sh->xs_cells[i].xv_col,
			    ref);
			diag_add(d, DIAG_ERROR, "xlsx.invalid", b->xb_file, 0,
			    0, "Sheet '%s': ô %s có hai lần",
			    "sheet '%s': cell %s is given twice", name, ref);
			xlsx_sheet_free(sh);
			return -1;
		}
	}
	*out = sh;
	return 0;
}

const struct xlsx_cell *
xlsx_cell(const struct xlsx_sheet *sh, uint32_t row, uint32_t col)
{
	struct xlsx_cell key;

	if (sh->xs_n == 0)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.xv_row = row;
	key.xv_col = col;
	return bsearch(&key, sh->xs_cells, sh->xs_n, sizeof(key), cell_cmp);
}
