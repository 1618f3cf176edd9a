/*
 * test_filetype.c: an evidence file's type is decided from its content
 * and its name (app_evidence_kind), never from what a client claims: a
 * .docx is a Word document, a program renamed .pdf is refused naming the
 * file and what it looks like, text must be UTF-8 without NUL bytes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "app/app.h"

#define DOCX \
	"application/vnd.openxmlformats-officedocument.wordprocessingml." \
	"document"
#define XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define ODT "application/vnd.oasis.opendocument.text"
#define ODS "application/vnd.oasis.opendocument.spreadsheet"

/* A ZIP made in memory: entries stored (not compressed), real CRCs. */
struct zipb {
	unsigned char z_b[1 << 16];
	size_t z_n;
	unsigned char z_cd[1 << 14];
	size_t z_ncd;
	unsigned z_count;
};

static uint32_t
crc32(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint32_t c = 0xFFFFFFFFu;
	int k;

	while (n--) {
		c ^= *b++;
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xEDB88320u : c >> 1;
	}
	return ~c;
}

static void
put(unsigned char *b, size_t *n, uint32_t v, int bytes)
{
	while (bytes--) {
		b[(*n)++] = (unsigned char)(v & 0xFF);
		v >>= 8;
	}
}

static void
putb(unsigned char *b, size_t *n, const void *p, size_t len)
{
	memcpy(b + *n, p, len);
	*n += len;
}

static void
zip_add(struct zipb *z, const char *name, const char *data)
{
	size_t nl = strlen(name), dl = strlen(data);
	uint32_t crc = crc32(data, dl), at = (uint32_t)z->z_n;

	put(z->z_b, &z->z_n, 0x04034b50, 4);
	put(z->z_b, &z->z_n, 20, 2); /* version needed */
	put(z->z_b, &z->z_n, 0, 2); /* flags */
	put(z->z_b, &z->z_n, 0, 2); /* stored */
	put(z->z_b, &z->z_n, 0, 4); /* time, date */
	put(z->z_b, &z->z_n, crc, 4);
	put(z->z_b, &z->z_n, (uint32_t)dl, 4);
	put(z->z_b, &z->z_n, (uint32_t)dl, 4);
	put(z->z_b, &z->z_n, (uint32_t)nl, 2);
	put(z->z_b, &z->z_n, 0, 2);
	putb(z->z_b, &z->z_n, name, nl);
	putb(z->z_b, &z->z_n, data, dl);
	put(z->z_cd, &z->z_ncd, 0x02014b50, 4);
	put(z->z_cd, &z->z_ncd, 20, 2); /* made by */
	put(z->z_cd, &z->z_ncd, 20, 2); /* needed */
	put(z->z_cd, &z->z_ncd, 0, 2);
	put(z->z_cd, &z->z_ncd, 0, 2);
	put(z->z_cd, &z->z_ncd, 0, 4);
	put(z->z_cd, &z->z_ncd, crc, 4);
	put(z->z_cd, &z->z_ncd, (uint32_t)dl, 4);
	put(z->z_cd, &z->z_ncd, (uint32_t)dl, 4);
	put(z->z_cd, &z->z_ncd, (uint32_t)nl, 2);
	put(z->z_cd, &z->z_ncd, 0, 2); /* extra */
	put(z->z_cd, &z->z_ncd, 0, 2); /* comment */
	put(z->z_cd, &z->z_ncd, 0, 2); /* disk */
	put(z->z_cd, &z->z_ncd, 0, 2); /* internal attributes */
	put(z->z_cd, &z->z_ncd, 0, 4); /* external attributes */
	put(z->z_cd, &z->z_ncd, at, 4);
	putb(z->z_cd, &z->z_ncd, name, nl);
	z->z_count++;
}

/* The end of the ZIP, with a comment; its length. */
static size_t
zip_end(struct zipb *z, const char *comment)
{
	uint32_t off = (uint32_t)z->z_n;

	putb(z->z_b, &z->z_n, z->z_cd, z->z_ncd);
	put(z->z_b, &z->z_n, 0x06054b50, 4);
	put(z->z_b, &z->z_n, 0, 2);
	put(z->z_b, &z->z_n, 0, 2);
	put(z->z_b, &z->z_n, z->z_count, 2);
	put(z->z_b, &z->z_n, z->z_count, 2);
	put(z->z_b, &z->z_n, (uint32_t)z->z_ncd, 4);
	put(z->z_b, &z->z_n, off, 4);
	put(z->z_b, &z->z_n, (uint32_t)strlen(comment), 2);
	putb(z->z_b, &z->z_n, comment, strlen(comment));
	return z->z_n;
}

/*
 * The end of the ZIP in its ZIP64 form: the 32-bit end record says "see
 * the ZIP64 record" (0xFFFF...), which a locator points at.
 */
static size_t
zip_end64(struct zipb *z)
{
	uint32_t off = (uint32_t)z->z_n, rec;

	putb(z->z_b, &z->z_n, z->z_cd, z->z_ncd);
	rec = (uint32_t)z->z_n;
	put(z->z_b, &z->z_n, 0x06064b50, 4);
	put(z->z_b, &z->z_n, 44, 4); /* its size after this field (64-bit) */
	put(z->z_b, &z->z_n, 0, 4);
	put(z->z_b, &z->z_n, 45, 2);
	put(z->z_b, &z->z_n, 45, 2);
	put(z->z_b, &z->z_n, 0, 4);
	put(z->z_b, &z->z_n, 0, 4);
	put(z->z_b, &z->z_n, z->z_count, 4); /* entries on this disk */
	put(z->z_b, &z->z_n, 0, 4);
	put(z->z_b, &z->z_n, z->z_count, 4); /* entries */
	put(z->z_b, &z->z_n, 0, 4);
	put(z->z_b, &z->z_n, (uint32_t)z->z_ncd, 4); /* directory size */
	put(z->z_b, &z->z_n, 0, 4);
	put(z->z_b, &z->z_n, off, 4); /* directory offset */
	put(z->z_b, &z->z_n, 0, 4);
	put(z->z_b, &z->z_n, 0x07064b50, 4); /* the locator */
	put(z->z_b, &z->z_n, 0, 4);
	put(z->z_b, &z->z_n, rec, 4);
	put(z->z_b, &z->z_n, 0, 4);
	put(z->z_b, &z->z_n, 1, 4);
	put(z->z_b, &z->z_n, 0x06054b50, 4);
	put(z->z_b, &z->z_n, 0, 4);
	put(z->z_b, &z->z_n, 0xFFFF, 2);
	put(z->z_b, &z->z_n, 0xFFFF, 2);
	put(z->z_b, &z->z_n, 0xFFFFFFFF, 4);
	put(z->z_b, &z->z_n, 0xFFFFFFFF, 4);
	put(z->z_b, &z->z_n, 0, 2);
	return z->z_n;
}

/* A Word document as Word and LibreOffice write one (names only). */
static size_t
make_ooxml(struct zipb *z, const char *part, int macro)
{
	memset(z, 0, sizeof(*z));
	zip_add(z, "[Content_Types].xml", "<Types/>");
	zip_add(z, "_rels/.rels", "<Relationships/>");
	zip_add(z, part, "<document/>");
	if (macro)
		zip_add(z, "word/vbaProject.bin", "\x01\x02");
	return zip_end(z, "");
}

static size_t
make_odf(struct zipb *z, const char *mimetype)
{
	memset(z, 0, sizeof(*z));
	zip_add(z, "mimetype", mimetype);
	zip_add(z, "content.xml", "<office:document-content/>");
	zip_add(z, "META-INF/manifest.xml", "<manifest/>");
	return zip_end(z, "made by a test");
}

/*
 * kind(name, data, len): the type decided, or "refused: MESSAGE (en)"
 * (a static buffer).
 */
static const char *
kind(const char *name, const void *data, size_t len)
{
	static char out[1024];
	const char *type = NULL;
	struct diag d;

	diag_init(&d);
	if (app_evidence_kind(name, data, len, &type, &d) == 0) {
		assert_int_equal(d.d_n, 0);
		snprintf(out, sizeof(out), "%s", type);
	} else {
		assert_int_equal(d.d_nerr, 1);
		assert_string_equal(d.d_items[0].di_code, "evidence.type");
		/* every refusal names the file, in both languages */
		assert_non_null(strstr(d.d_items[0].di_vi, name));
		assert_non_null(strstr(d.d_items[0].di_en, name));
		snprintf(out, sizeof(out), "refused: %s", d.d_items[0].di_en);
	}
	diag_free(&d);
	return out;
}

#define KIND(name, lit) kind(name, lit, sizeof(lit) - 1)
#define REFUSED(got, what) \
	do { \
		const char *g_ = (got); \
		if (strncmp(g_, "refused: ", 9) != 0 || \
		    strstr(g_, (what)) == NULL) \
			fail_msg("want a refusal naming '%s', got '%s'", \
			    (what), g_); \
	} while (0)

static void
test_signatures(void **state)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	static const char jpg[] = "\xff\xd8\xff\xe0\0\x10JFIF";
	static const char ole[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0";

	(void)state;
	assert_string_equal(
	    KIND("qd.pdf", "%PDF-1.4\n%\xe2\xe3\n"), "application/pdf");
	assert_string_equal(KIND("QD.PDF", "%PDF-1.7"), "application/pdf");
	assert_string_equal(KIND("anh.png", png), "image/png");
	assert_string_equal(KIND("anh.jpg", jpg), "image/jpeg");
	assert_string_equal(KIND("anh.JPEG", jpg), "image/jpeg");
	assert_string_equal(KIND("cu.doc", ole), "application/msword");
	assert_string_equal(KIND("cu.xls", ole), "application/vnd.ms-excel");
	/* the name must agree with the content */
	REFUSED(KIND("anh.png", jpg), "a JPEG image");
	REFUSED(KIND("qd.pdf", png), "a PNG image");
	REFUSED(KIND("qd.docx", ole), "password-protected");
	REFUSED(KIND("qd.pdf", "GIF89a\x01\0"), "a GIF image");
	REFUSED(KIND("anh.gif", "GIF89a\x01\0"), "extension .gif");
	REFUSED(KIND("a.pdf", "Rar!\x1a\x07\0"), "RAR");
	REFUSED(KIND("a.jpg", "II*\0\x08\0\0\0"), "TIFF");
	REFUSED(KIND("a.jpg", "RIFF\x10\0\0\0WEBPVP8 "), "WebP");
	REFUSED(KIND("a.jpg",
		    "\0\0\0\x18"
		    "ftypheic\0\0"),
	    "HEIC");
	REFUSED(KIND("a.pdf",
		    "\x7f"
		    "ELF\x02\x01\x01\0\0\0"),
	    "Linux program");
	REFUSED(KIND("a.pdf", ""), "empty");
}

static void
test_programs(void **state)
{
	static const char exe[] = "MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";

	(void)state;
	/* an .exe renamed .pdf: refused, and said what it looks like */
	REFUSED(KIND("bao-cao.pdf", exe), "a Windows program");
	REFUSED(KIND("bao-cao.pdf", exe), "bao-cao.pdf");
	REFUSED(KIND("setup.exe", exe), "extension .exe is not accepted");
	REFUSED(KIND("bao-cao.txt", exe), "a Windows program");
	/* text that happens to hold a weak mark is text */
	assert_string_equal(KIND("mz.txt", "MZ is a text"), "text/plain");
	assert_string_equal(KIND("f.txt", "The ftyp, WEBP\n"), "text/plain");
	assert_string_equal(KIND("w.txt", "RIFF....WEBP\n"), "text/plain");
	REFUSED(KIND("mz.txt", "MZ\xff\xfe not text"), "a Windows program");
	REFUSED(KIND("x.docx", "\x01\x02\x00\x03"), "binary data");
}

static void
test_text(void **state)
{
	static char big[(64 << 10) + 16];

	(void)state;
	assert_string_equal(
	    KIND("ghi-chu.txt", "Biên bản kiểm tra\n"), "text/plain");
	assert_string_equal(
	    KIND("bang.csv", "\xef\xbb\xbfunit,input\n"), "text/csv");
	/* a NUL is not text; nor is a legacy (not UTF-8) encoding */
	REFUSED(KIND("a.txt", "abc\0def"), "binary data");
	REFUSED(KIND("a.txt",
		    "Bi\xea"
		    "n b\xe1n"),
	    "not in UTF-8");
	REFUSED(KIND("a.csv", "\xed\xa0\x80"), "not in UTF-8");
	/* text is not a PDF, and a PDF is not text */
	REFUSED(KIND("a.pdf", "hello\n"), "plain UTF-8 text");
	REFUSED(KIND("a.txt", "%PDF-1.4 x"), "a PDF document");
	/* a name without an extension: say which to give it */
	REFUSED(KIND("README", "hello\n"), ".txt, .csv");
	REFUSED(KIND("scan", "%PDF-1.4"), "does not end in .pdf");
	REFUSED(KIND("x.html", "<b>hi</b>"), "extension .html");
	REFUSED(KIND("x.svg", "<svg/>"), "extension .svg");
	/* the whole file is read: a character cut by a 64 KiB chunk */
	memset(big, 'a', sizeof(big));
	memcpy(big + (64 << 10) - 1, "\xe1\xbb\x87", 3); /* ệ */
	assert_string_equal(kind("big.txt", big, sizeof(big)), "text/plain");
	big[(64 << 10) + 1] = 'a'; /* the same character, broken */
	REFUSED(kind("big.txt", big, sizeof(big)), "not in UTF-8");
	memcpy(big + (64 << 10) - 1, "\xe1\xbb\x87", 3);
	big[sizeof(big) - 1] = '\0'; /* a NUL at the very end */
	REFUSED(kind("big.txt", big, sizeof(big)), "binary data");
	big[sizeof(big) - 1] = '\xe1'; /* a character cut by the end */
	REFUSED(kind("big.txt", big, sizeof(big)), "not in UTF-8");
}

static void
test_office(void **state)
{
	static struct zipb z;
	size_t n;

	(void)state;
	n = make_ooxml(&z, "word/document.xml", 0);
	assert_string_equal(kind("bc.docx", z.z_b, n), DOCX);
	assert_string_equal(kind("bc.DOCX", z.z_b, n), DOCX);
	assert_string_equal(kind("bc.zip", z.z_b, n), "application/zip");
	REFUSED(kind("bc.xlsx", z.z_b, n), "a Word document (.docx)");
	REFUSED(kind("bc.pdf", z.z_b, n), "a Word document (.docx)");
	REFUSED(kind("bc", z.z_b, n), "does not end in .docx");
	n = make_ooxml(&z, "xl/workbook.xml", 0);
	assert_string_equal(kind("bang.xlsx", z.z_b, n), XLSX);
	REFUSED(kind("bang.docx", z.z_b, n), "an Excel workbook (.xlsx)");
	n = make_ooxml(&z, "ppt/presentation.xml", 0);
	REFUSED(kind("tc.docx", z.z_b, n), "PowerPoint");
	REFUSED(kind("tc.pptx", z.z_b, n), "extension .pptx");
	/* macros: a .docm renamed .docx */
	n = make_ooxml(&z, "word/document.xml", 1);
	REFUSED(kind("bc.docx", z.z_b, n), "with macros");
	n = make_odf(&z, ODT);
	assert_string_equal(kind("vb.odt", z.z_b, n), ODT);
	REFUSED(kind("vb.ods", z.z_b, n), "OpenDocument text");
	n = make_odf(&z, ODS);
	assert_string_equal(kind("bang.ods", z.z_b, n), ODS);
	REFUSED(kind("bang.odt", z.z_b, n), "OpenDocument spreadsheet");
	n = make_odf(&z, "application/vnd.oasis.opendocument.presentation");
	REFUSED(kind("tc.odt", z.z_b, n), "another OpenDocument");
	/* a plain ZIP is a .zip only */
	memset(&z, 0, sizeof(z));
	zip_add(&z, "a.txt", "a");
	zip_add(&z, "word.txt", "not word/");
	n = zip_end(&z, "");
	assert_string_equal(kind("hs.zip", z.z_b, n), "application/zip");
	REFUSED(kind("hs.docx", z.z_b, n), "a ZIP archive");
	/* ZIP64, as some writers make even small files */
	memset(&z, 0, sizeof(z));
	zip_add(&z, "[Content_Types].xml", "<Types/>");
	zip_add(&z, "xl/workbook.xml", "<workbook/>");
	n = zip_end64(&z);
	assert_string_equal(kind("z64.xlsx", z.z_b, n), XLSX);
	REFUSED(kind("z64.docx", z.z_b, n), "an Excel workbook");
	z.z_b[n - 22 - 20 + 8] ^= 1; /* the locator points elsewhere */
	REFUSED(kind("z64.xlsx", z.z_b, n), "damaged or incomplete ZIP");
	/* the empty ZIP */
	memset(&z, 0, sizeof(z));
	n = zip_end(&z, "");
	assert_string_equal(kind("rong.zip", z.z_b, n), "application/zip");
}

static void
test_damaged_zip(void **state)
{
	static struct zipb z;
	size_t n;

	(void)state;
	n = make_ooxml(&z, "word/document.xml", 0);
	/* cut before its end: the directory is gone */
	REFUSED(kind("bc.docx", z.z_b, n - 30), "damaged or incomplete ZIP");
	REFUSED(kind("bc.zip", z.z_b, 40), "damaged or incomplete ZIP");
	REFUSED(kind("bc.zip", "PK\3\4", 4), "damaged or incomplete ZIP");
	/* a directory that points past the file */
	z.z_b[n - 3] = 0x7F;
	REFUSED(kind("bc.docx", z.z_b, n), "damaged or incomplete ZIP");
	/* an entry count larger than the directory */
	n = make_ooxml(&z, "word/document.xml", 0);
	z.z_b[n - 12] = 9;
	z.z_b[n - 14] = 9;
	REFUSED(kind("bc.docx", z.z_b, n), "damaged or incomplete ZIP");
	/* ODF whose mimetype is compressed, or too long to be one */
	n = make_odf(&z, ODT);
	{
		/* the directory's offset: 16 bytes into the end record */
		size_t cd = z.z_b[n - 20] | (size_t)z.z_b[n - 19] << 8;

		assert_memory_equal(z.z_b + cd, "PK\1\2", 4);
		z.z_b[cd + 10] = 8; /* deflated */
	}
	REFUSED(kind("x.odt", z.z_b, n), "damaged or incomplete ZIP");
	memset(&z, 0, sizeof(z));
	zip_add(&z, "mimetype",
	    "application/vnd.oasis.opendocument.text-but-far-too-long-to-be-"
	    "any-mimetype-that-opendocument-defines-at-all-really-no-no-no-"
	    "and-longer-still");
	n = zip_end(&z, "");
	REFUSED(kind("x.odt", z.z_b, n), "damaged or incomplete ZIP");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signatures),
		cmocka_unit_test(test_programs),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_office),
		cmocka_unit_test(test_damaged_zip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
