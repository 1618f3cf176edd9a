/*
 * app_evidence.c: evidence documents of a value and their files: what
 * a file is (decided from its content and its name, never from what a
 * client claims), attaching one, listing them, fetching a file.
 */
#include "app/app_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/date.h"
#include "util/utf8.h"

/*
 * What a file is, as its first bytes (and, for a ZIP, the names of its
 * entries) show it. The first group is accepted, the rest is named in the
 * refusal so that an official knows what they sent.
 */
enum ev_kind {
	EK_PDF,
	EK_PNG,
	EK_JPEG,
	EK_DOCX,
	EK_XLSX,
	EK_ODT,
	EK_ODS,
	EK_ZIP,
	EK_OLE,
	EK_TEXT,
	EK_EMPTY,
	EK_GIF,
	EK_PPTX,
	EK_ODF,
	EK_MACRO,
	EK_BADZIP,
	EK_NOT_UTF8,
	EK_ARCHIVE,
	EK_TIFF,
	EK_WEBP,
	EK_ISOMEDIA,
	EK_EXE,
	EK_ELF,
	EK_BINARY,
	EK_N
};

/* How a kind is named in messages ("the content is ..."). */
static const char *const kind_label[EK_N][2] = {
	[EK_PDF] = { "tài liệu PDF", "a PDF document" },
	[EK_PNG] = { "ảnh PNG", "a PNG image" },
	[EK_JPEG] = { "ảnh JPEG", "a JPEG image" },
	[EK_DOCX] = { "tài liệu Word (.docx)", "a Word document (.docx)" },
	[EK_XLSX] = { "bảng tính Excel (.xlsx)", "an Excel workbook (.xlsx)" },
	[EK_ODT] = { "văn bản OpenDocument (.odt)",
	    "an OpenDocument text (.odt)" },
	[EK_ODS] = { "bảng tính OpenDocument (.ods)",
	    "an OpenDocument spreadsheet (.ods)" },
	[EK_ZIP] = { "tệp nén ZIP", "a ZIP archive" },
	[EK_OLE] = { "tệp Office kiểu cũ (.doc, .xls, .ppt) hoặc tệp Office "
		     "có mật khẩu",
	    "a legacy Office file (.doc, .xls, .ppt) or a password-protected "
	    "Office file" },
	[EK_TEXT] = { "văn bản thuần UTF-8", "plain UTF-8 text" },
	[EK_EMPTY] = { "tệp rỗng (0 byte)", "an empty file (0 bytes)" },
	[EK_GIF] = { "ảnh GIF", "a GIF image" },
	[EK_PPTX] = { "bản trình chiếu PowerPoint (.pptx)",
	    "a PowerPoint presentation (.pptx)" },
	[EK_ODF] = { "tài liệu OpenDocument khác (không phải .odt, .ods)",
	    "another OpenDocument file (not .odt, .ods)" },
	[EK_MACRO] = { "tệp Office có macro", "an Office file with macros" },
	[EK_BADZIP] = { "tệp ZIP hỏng hoặc không trọn vẹn",
	    "a damaged or incomplete ZIP file" },
	[EK_NOT_UTF8] = { "văn bản không theo mã UTF-8 (hãy lưu lại theo "
			  "UTF-8) hoặc dữ liệu nhị phân",
	    "text not in UTF-8 (save it again as UTF-8) or binary data" },
	[EK_ARCHIVE] = { "tệp nén RAR, 7z hoặc gzip",
	    "a RAR, 7z or gzip archive" },
	[EK_TIFF] = { "ảnh TIFF", "a TIFF image" },
	[EK_WEBP] = { "ảnh WebP", "a WebP image" },
	[EK_ISOMEDIA] = { "ảnh HEIC hoặc video", "a HEIC photo or a video" },
	[EK_EXE] = { "chương trình Windows", "a Windows program" },
	[EK_ELF] = { "chương trình Linux", "a Linux program" },
	[EK_BINARY] = { "dữ liệu nhị phân không rõ loại",
	    "binary data of an unknown kind" },
};

/*
 * The evidence files accepted: a name's extension, the media type stored
 * and the kind its content must be (a .zip takes any ZIP, Office files
 * included; .doc and .xls share one container, told apart by the name).
 */
static const struct {
	const char *et_ext;
	const char *et_type;
	enum ev_kind et_kind;
} evidence_types[] = {
	{ ".pdf", "application/pdf", EK_PDF },
	{ ".doc", "application/msword", EK_OLE },
	{ ".docx",
	    "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document",
	    EK_DOCX },
	{ ".xls", "application/vnd.ms-excel", EK_OLE },
	{ ".xlsx",
	    "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet",
	    EK_XLSX },
	{ ".odt", "application/vnd.oasis.opendocument.text", EK_ODT },
	{ ".ods", "application/vnd.oasis.opendocument.spreadsheet", EK_ODS },
	{ ".png", "image/png", EK_PNG },
	{ ".jpg", "image/jpeg", EK_JPEG },
	{ ".jpeg", "image/jpeg", EK_JPEG },
	{ ".txt", "text/plain", EK_TEXT },
	{ ".csv", "text/csv", EK_TEXT },
	{ ".zip", "application/zip", EK_ZIP },
};
#define NTYPES (sizeof(evidence_types) / sizeof(evidence_types[0]))

/* The bytes of a file: in memory, or in a (spooled) file. */
struct file_src {
	const unsigned char *fs_data;
	FILE *fs_f;
	size_t fs_len;
};

/* Exactly ${n} bytes at ${off} into ${out}: 0, or -1. */
static int
src_read(const struct file_src *s, size_t off, void *out, size_t n)
{
	if (off > s->fs_len || n > s->fs_len - off)
		return -1;
	if (s->fs_data != NULL) {
		memcpy(out, s->fs_data + off, n);
		return 0;
	}
	if (fseeko(s->fs_f, (off_t)off, SEEK_SET) != 0 ||
	    fread(out, 1, n, s->fs_f) != n)
		return -1;
	return 0;
}

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)le16(p) | (uint32_t)le16(p + 2) << 16;
}

static uint64_t
le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Limits of the look into a ZIP: only names are read, never unpacked. */
#define ZIP_MAX_DIR (4u << 20) /* central directory bytes */
#define ZIP_TAIL (22u + 65535u) /* end record and the longest comment */

/* What the ZIP's entries say, collected from its central directory. */
struct zip_look {
	int zl_ooxml; /* [Content_Types].xml */
	int zl_word, zl_xl, zl_ppt, zl_macro;
	int zl_mimetype; /* an entry "mimetype" (OpenDocument) */
	unsigned zl_mt_method;
	uint32_t zl_mt_size;
	uint64_t zl_mt_local; /* its local header's offset */
};

static int
has_prefix(const unsigned char *name, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && memcmp(name, prefix, k) == 0;
}

static void
zip_name(struct zip_look *zl, const unsigned char *name, size_t n,
    const unsigned char *hdr)
{
	static const char vba[] = "vbaProject.bin";
	size_t nv = sizeof(vba) - 1;

	if (n == 19 && memcmp(name, "[Content_Types].xml", 19) == 0)
		zl->zl_ooxml = 1;
	zl->zl_word |= has_prefix(name, n, "word/");
	zl->zl_xl |= has_prefix(name, n, "xl/");
	zl->zl_ppt |= has_prefix(name, n, "ppt/");
	zl->zl_macro |= n >= nv && memcmp(name + n - nv, vba, nv) == 0;
	if (n == 8 && memcmp(name, "mimetype", 8) == 0) {
		zl->zl_mimetype = 1;
		zl->zl_mt_method = le16(hdr + 10);
		zl->zl_mt_size = le32(hdr + 20);
		zl->zl_mt_local = le32(hdr + 42);
	}
}

/*
 * zip_dir(s, at, e, count, size, off): where the central directory is and
 * how many entries it has, from the end record ${e} found at offset ${at}
 * (or the ZIP64 record its locator points to): 0, or -1.
 */
static int
zip_dir(const struct file_src *s, size_t at, const unsigned char *e,
    uint64_t *count, uint64_t *size, uint64_t *off)
{
	unsigned char loc[20], z[56];

	*count = le16(e + 10);
	*size = le32(e + 12);
	*off = le32(e + 16);
	if (*count != 0xFFFF && *size != 0xFFFFFFFF && *off != 0xFFFFFFFF)
		return 0;
	/* ZIP64: a locator just before the end record names its record */
	if (at < 20 || src_read(s, at - 20, loc, 20) < 0 ||
	    le32(loc) != 0x07064b50 || le64(loc + 8) > s->fs_len ||
	    src_read(s, (size_t)le64(loc + 8), z, 56) < 0 ||
	    le32(z) != 0x06064b50)
		return -1;
	*count = le64(z + 32);
	*size = le64(z + 40);
	*off = le64(z + 48);
	return 0;
}

/* The end-of-central-directory record: its offset, or -1. */
static long
zip_end(const struct file_src *s, unsigned char *tail, size_t *ntail)
{
	size_t n = s->fs_len < ZIP_TAIL ? s->fs_len : ZIP_TAIL, i;

	*ntail = n;
	if (n < 22 || src_read(s, s->fs_len - n, tail, n) < 0)
		return -1;
	for (i = n - 22 + 1; i-- > 0;) {
		if (memcmp(tail + i, "PK\5\6", 4) == 0 &&
		    i + 22 + le16(tail + i + 20) <= n)
			return (long)i;
	}
	return -1;
}

/* What a file that starts as a ZIP is, from its entries' names. */
static enum ev_kind
zip_kind(const struct file_src *s)
{
	unsigned char *tail = xmalloc(ZIP_TAIL), *dir = NULL, *p, *end;
	uint64_t count, size, off, i;
	enum ev_kind k = EK_BADZIP;
	struct zip_look zl;
	size_t ntail, at;
	long e;

	memset(&zl, 0, sizeof(zl));
	if ((e = zip_end(s, tail, &ntail)) < 0)
		goto out;
	at = s->fs_len - ntail + (size_t)e;
	if (zip_dir(s, at, tail + e, &count, &size, &off) < 0 ||
	    size > ZIP_MAX_DIR || off > at || size > at - off)
		goto out;
	dir = xmalloc(size ? (size_t)size : 1);
	if (src_read(s, (size_t)off, dir, (size_t)size) < 0)
		goto out;
	for (p = dir, end = dir + size, i = 0; i < count; i++) {
		size_t n, skip;

		if (end - p < 46 || le32(p) != 0x02014b50)
			goto out;
		n = le16(p + 28);
		skip = 46 + n + le16(p + 30) + le16(p + 32);
		if ((size_t)(end - p) < skip)
			goto out;
		zip_name(&zl, p + 46, n, p);
		p += skip;
	}
	k = EK_ZIP;
	if (zl.zl_ooxml)
		k = zl.zl_macro  ? EK_MACRO
		    : zl.zl_word ? EK_DOCX
		    : zl.zl_xl   ? EK_XLSX
		    : zl.zl_ppt  ? EK_PPTX
				 : EK_ZIP;
	else if (zl.zl_mimetype) {
		/* OpenDocument: "mimetype" is stored uncompressed, first */
		static const char odf[] = "application/vnd.oasis.opendocument.";
		unsigned char lh[30], mt[128];

		k = EK_BADZIP;
		if (zl.zl_mt_method != 0 || zl.zl_mt_size >= sizeof(mt) ||
		    src_read(s, (size_t)zl.zl_mt_local, lh, 30) < 0 ||
		    le32(lh) != 0x04034b50 ||
		    src_read(s,
			(size_t)zl.zl_mt_local + 30 + le16(lh + 26) +
			    le16(lh + 28),
			mt, zl.zl_mt_size) < 0)
			goto out;
		mt[zl.zl_mt_size] = '\0';
		k = strcmp((char *)mt,
			"application/vnd.oasis.opendocument.text") == 0
		    ? EK_ODT
		    : strcmp((char *)mt,
			  "application/vnd.oasis.opendocument.spreadsheet") == 0
		    ? EK_ODS
		    : strncmp((char *)mt, odf, sizeof(odf) - 1) == 0 ? EK_ODF
								     : EK_ZIP;
	}
out:
	free(tail);
	free(dir);
	return k;
}

/*
 * utf8_cut(b, n): where the last complete UTF-8 sequence of ${b} ends, so
 * that a sequence cut by the end of a chunk is checked with the next one.
 */
static size_t
utf8_cut(const unsigned char *b, size_t n)
{
	size_t i, len;

	for (i = n; i > 0 && n - i < 3; i--) {
		unsigned c = b[i - 1];

		if ((c & 0xC0) == 0x80)
			continue;
		len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		return i - 1 + len > n ? i - 1 : n;
	}
	return n;
}

/* Text or not: the whole file is read, in chunks (a NUL ends it). */
static enum ev_kind
text_kind(const struct file_src *s)
{
	enum { CHUNK = 64 << 10 };
	unsigned char *b = xmalloc(CHUNK + 4);
	size_t off = 0, carry = 0;
	int utf8 = 1, nul = 0;

	while (off < s->fs_len && !nul) {
		size_t n = s->fs_len - off < CHUNK ? s->fs_len - off : CHUNK;
		size_t all, cut;

		if (src_read(s, off, b + carry, n) < 0) {
			free(b);
			return EK_BINARY;
		}
		nul = memchr(b + carry, '\0', n) != NULL;
		off += n;
		all = carry + n;
		cut = off < s->fs_len ? utf8_cut(b, all) : all;
		if (utf8 && !utf8_valid((const char *)b, cut))
			utf8 = 0;
		carry = all - cut;
		memmove(b, b + cut, carry);
	}
	free(b);
	return nul ? EK_BINARY : utf8 ? EK_TEXT : EK_NOT_UTF8;
}

/*
 * What the bytes of a file are. A mark no text can hold (a NUL, bytes that
 * are no UTF-8) decides at once; a mark that text could hold by chance
 * ("MZ", "ftyp" at 4) only decides for what is not text.
 */
static enum ev_kind
sniff(const struct file_src *s)
{
	static const struct {
		const char *sg_bytes;
		size_t sg_len;
		size_t sg_at;
		int sg_weak;
		enum ev_kind sg_kind;
	} sig[] = {
		{ "%PDF-", 5, 0, 0, EK_PDF },
		{ "\x89PNG\r\n\x1a\n", 8, 0, 0, EK_PNG },
		{ "\xff\xd8\xff", 3, 0, 0, EK_JPEG },
		{ "GIF87a", 6, 0, 0, EK_GIF },
		{ "GIF89a", 6, 0, 0, EK_GIF },
		{ "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, 0, 0, EK_OLE },
		{ "Rar!\x1a\x07", 6, 0, 0, EK_ARCHIVE },
		{ "7z\xbc\xaf\x27\x1c", 6, 0, 0, EK_ARCHIVE },
		{ "\x1f\x8b", 2, 0, 0, EK_ARCHIVE },
		{ "II*\0", 4, 0, 0, EK_TIFF },
		{ "MM\0*", 4, 0, 0, EK_TIFF },
		{ "\x7f"
		  "ELF",
		    4, 0, 0, EK_ELF },
		{ "WEBP", 4, 8, 1, EK_WEBP },
		{ "ftyp", 4, 4, 1, EK_ISOMEDIA },
		{ "MZ", 2, 0, 1, EK_EXE },
	};
	enum ev_kind k = EK_BINARY;
	unsigned char h[16];
	size_t n = s->fs_len < sizeof(h) ? s->fs_len : sizeof(h), i;
	int pass;

	if (s->fs_len == 0)
		return EK_EMPTY;
	if (src_read(s, 0, h, n) < 0)
		return EK_BINARY;
	if (n >= 4 &&
	    (memcmp(h, "PK\3\4", 4) == 0 || memcmp(h, "PK\5\6", 4) == 0))
		return zip_kind(s);
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < sizeof(sig) / sizeof(sig[0]); i++) {
			if (sig[i].sg_weak == pass &&
			    n >= sig[i].sg_at + sig[i].sg_len &&
			    memcmp(h + sig[i].sg_at, sig[i].sg_bytes,
				sig[i].sg_len) == 0)
				return sig[i].sg_kind;
		}
		if (pass == 0 && (k = text_kind(s)) == EK_TEXT)
			return k;
	}
	return k;
}

/* The accepted extensions of a kind, for a message (".doc, .xls"). */
static void
kind_exts(enum ev_kind k, char *out, size_t size)
{
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < NTYPES; i++) {
		if (evidence_types[i].et_kind != k)
			continue;
		n += (size_t)snprintf(out + n, n < size ? size - n : 0, "%s%s",
		    n ? ", " : "", evidence_types[i].et_ext);
	}
}

/*
 * decide(name, s, type, d): the media type of the file ${s} named
 * ${name}: the kind its content shows, which the name's extension must
 * agree with. What a client claims plays no part.
 */
static int
decide(const char *name, const struct file_src *s, const char **type,
    struct diag *d)
{
	const char *dot = name != NULL ? strrchr(name, '.') : NULL;
	enum ev_kind k = sniff(s);
	char exts[64];
	size_t i;

	if (name == NULL)
		name = "";
	for (i = 0; dot != NULL && i < NTYPES; i++) {
		enum ev_kind want = evidence_types[i].et_kind;

		if (strcasecmp(dot, evidence_types[i].et_ext) != 0)
			continue;
		if (k == want ||
		    (want == EK_ZIP &&
			(k == EK_DOCX || k == EK_XLSX || k == EK_ODT ||
			    k == EK_ODS || k == EK_PPTX || k == EK_ODF ||
			    k == EK_MACRO))) {
			*type = evidence_types[i].et_type;
			return 0;
		}
		diag_add(d, DIAG_ERROR, "evidence.type", NULL, 0, 0,
		    "tệp '%s' có tên đuôi %s (%s%.0s) nhưng nội dung là %s%.0s: không nhận",
		    "file '%s' is named %s (%.0s%s) but its content is %.0s%s: refused",
		    name, evidence_types[i].et_ext, kind_label[want][0],
		    kind_label[want][1], kind_label[k][0], kind_label[k][1]);
		return -1;
	}
	if (dot != NULL) {
		diag_add(d, DIAG_ERROR, "evidence.type", NULL, 0, 0,
		    "tệp '%s' là %s%.0s: đuôi %s không được nhận (nhận: PDF, ảnh PNG/JPEG, văn bản UTF-8 .txt/.csv, Word .doc/.docx, Excel .xls/.xlsx, OpenDocument .odt/.ods, ZIP)",
		    "file '%s' is %.0s%s: the extension %s is not accepted (accepted: PDF, PNG/JPEG images, UTF-8 text .txt/.csv, Word .doc/.docx, Excel .xls/.xlsx, OpenDocument .odt/.ods, ZIP)",
		    name, kind_label[k][0], kind_label[k][1], dot);
		return -1;
	}
	kind_exts(k, exts, sizeof(exts));
	if (exts[0] != '\0')
		diag_add(d, DIAG_ERROR, "evidence.type", NULL, 0, 0,
		    "tệp '%s' là %s%.0s nhưng tên không có đuôi %s: hãy đặt lại tên",
		    "file '%s' is %.0s%s but its name does not end in %s: rename it",
		    name, kind_label[k][0], kind_label[k][1], exts);
	else
		diag_add(d, DIAG_ERROR, "evidence.type", NULL, 0, 0,
		    "tệp '%s' là %s%.0s: loại tệp này không được nhận (nhận: PDF, ảnh PNG/JPEG, văn bản UTF-8 .txt/.csv, Word .doc/.docx, Excel .xls/.xlsx, OpenDocument .odt/.ods, ZIP)",
		    "file '%s' is %.0s%s: this kind of file is not accepted (accepted: PDF, PNG/JPEG images, UTF-8 text .txt/.csv, Word .doc/.docx, Excel .xls/.xlsx, OpenDocument .odt/.ods, ZIP)",
		    name, kind_label[k][0], kind_label[k][1]);
	return -1;
}

int
app_evidence_kind(const char *name, const void *data, size_t len,
    const char **type, struct diag *d)
{
	struct file_src s;

	s.fs_data = data != NULL ? data : (const unsigned char *)"";
	s.fs_f = NULL;
	s.fs_len = data != NULL ? len : 0;
	return decide(name, &s, type, d);
}

/* What an evidence item says, checked before the transaction. */
static int
evidence_check(const struct method *m, const char *input,
    const struct st_evidence *e, int has_file, size_t len, char iso[11],
    struct diag *d)
{
	iso[0] = '\0';
	if (method_input(m, input, strlen(input)) < 0) {
		diag_add(d, DIAG_ERROR, "evidence.input", NULL, 0, 0,
		    "không có dữ liệu đầu vào '%s'", "unknown input '%s'",
		    input);
		return -1;
	}
	if (e->sev_doc_date != NULL && e->sev_doc_date[0] != '\0' &&
	    date_iso(e->sev_doc_date, iso) < 0) {
		diag_add(d, DIAG_ERROR, "evidence.date", NULL, 0, 0,
		    "ngày văn bản '%s' không phải ngày có thật: viết dd/mm/yyyy hoặc YYYY-MM-DD",
		    "document date '%s' is not a real date: write dd/mm/yyyy or YYYY-MM-DD",
		    e->sev_doc_date);
		return -1;
	}
	if (has_file && len > STORE_MAX_FILE) {
		diag_add(d, DIAG_ERROR, "evidence.size", NULL, 0, 0,
		    "tệp quá lớn (%zu byte, tối đa %u)",
		    "file too large (%zu bytes, at most %u)", len,
		    STORE_MAX_FILE);
		return -1;
	}
	return 0;
}

/*
 * attach(s, a, period, unit, input, e, data, f, len, d): the one path of
 * both forms: the file is ${data} in memory, or ${f} from its start.
 */
static int
attach(struct store *s, const struct app_actor *a, const char *period,
    const char *unit, const char *input, struct st_evidence *e,
    const void *data, FILE *f, size_t len, struct diag *d)
{
	const struct method *m = NULL;
	const char *date = e->sev_doc_date, *given = e->sev_part;
	const char *agency = e->sev_agency;
	int has_file = data != NULL || f != NULL;
	struct st_period p;
	char code[80], iso[11], part[APP_MAX_PART];
	long uid, id;
	int in, rc;

	if (app_period(s, period, &p, d) != 0 || app_refuse_closed(&p, d) < 0 ||
	    app_period_method(s, &p, &m, d) < 0 ||
	    evidence_check(m, input, e, has_file, len, iso, d) < 0)
		return -1;
	in = method_input(m, input, strlen(input));
	/* evidence of a part is the member's (sev_part: named or implied);
	 * of a whole value, its lead's or a coordinating agency's */
	if (app_part_of(s, a, m, in, unit, given, part, d) != 0)
		return -1;
	if (part[0] != '\0' ? app_check_part(s, a, m, in, unit, part, d) != 0
			    : app_check_evidence(s, a, m, in, d) != 0 ||
		    app_check_unit(s, a, unit, d) != 0)
		return -1;
	if (app_text_check(APP_TEXT_DOC, e->sev_doc_number, d) < 0 ||
	    app_text_check(APP_TEXT_NOTE, e->sev_note, d) < 0)
		return -1;
	if (has_file) {
		struct file_src src = { data, f, len };

		if (decide(e->sev_file_name, &src, &e->sev_file_type, d) < 0)
			return -1;
	}
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if (app_unit_in(s, &p, unit, code, sizeof(code), &uid, d) != 0 ||
	    (part[0] != '\0' &&
		app_contrib_exclusive(s, &p, m, uid, code, in, part, d) != 0)) {
		store_tx_rollback(s);
		return -1;
	}
	if (has_file) {
		rc = f != NULL ? store_file_put_fd(s, f, len, e->sev_sha_buf)
			       : store_file_put(s, data, len, e->sev_sha_buf);
		if (rc != 0)
			return app_abort(s, d);
		e->sev_file_sha256 = e->sev_sha_buf;
	}
	/* stored ISO, whichever form was typed */
	if (iso[0] != '\0')
		e->sev_doc_date = iso;
	/* whose item it is: a coordinating agency's shows as such; a
	 * part's is its member's, as its values are */
	e->sev_part = part;
	if (part[0] != '\0')
		e->sev_agency = part;
	else if (e->sev_agency == NULL)
		e->sev_agency = a->ac_agency;
	rc = store_evidence_add(s, p.sp_id, uid, input, e, a->ac_login, &id);
	e->sev_doc_date = date;
	e->sev_part = given;
	if (part[0] != '\0')
		e->sev_agency = agency;
	if (rc != 0 || store_tx_commit(s) != 0)
		return app_abort(s, d);
	e->sev_id = id;
	return 0;
}

int
app_evidence_attach(struct store *s, const struct app_actor *a,
    const char *period, const char *unit, const char *input,
    struct st_evidence *e, const void *data, size_t len, struct diag *d)
{
	return attach(s, a, period, unit, input, e, data, NULL, len, d);
}

int
app_evidence_attach_file(struct store *s, const struct app_actor *a,
    const char *period, const char *unit, const char *input,
    struct st_evidence *e, FILE *f, size_t len, struct diag *d)
{
	return attach(s, a, period, unit, input, e, NULL, f, len, d);
}

int
app_evidence_list(struct store *s, const struct st_period *p, const char *input,
    int (*cb)(void *, const struct st_evidence *), void *ctx, struct diag *d)
{
	if (store_evidence_each(s, p->sp_id, input, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}

/* Looking for the name a file was attached under. */
struct file_meta {
	struct store *fm_s;
	const char *fm_sha;
	char *fm_name;
	size_t fm_size;
};

static int
file_meta_row(void *ctx, const struct st_evidence *e)
{
	struct file_meta *fm = ctx;

	if (e->sev_file_sha256 == NULL ||
	    strcmp(e->sev_file_sha256, fm->fm_sha))
		return 0;
	snprintf(fm->fm_name, fm->fm_size, "%s",
	    e->sev_file_name ? e->sev_file_name : "");
	return 1;
}

static int
meta_in_period(void *ctx, const struct st_period *p)
{
	struct file_meta *fm = ctx;

	store_evidence_each(fm->fm_s, p->sp_id, NULL, file_meta_row, fm);
	return fm->fm_name[0] != '\0';
}

int
app_file(struct store *s, const char *sha, void **data, size_t *len, char *name,
    size_t size, struct diag *d)
{
	struct file_meta fm;

	if (store_file_get(s, sha, data, len) != 0)
		return app_store_error(s, d);
	fm.fm_s = s;
	fm.fm_sha = sha;
	fm.fm_name = name;
	fm.fm_size = size;
	name[0] = '\0';
	store_period_each(s, meta_in_period, &fm);
	return 0;
}
