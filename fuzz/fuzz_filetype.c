/*
 * fuzz_filetype.c: what an evidence file is (app_evidence_kind). The
 * first byte chooses the file's name (a .docx, .pdf, .zip ... or none),
 * the rest is its content: a ZIP's end record and central directory are
 * parsed from it, text is read whole. The decision must come without a
 * crash or a leak: a type of the accepted list, or one "evidence.type"
 * error whose messages name the file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "a.pdf", "a.docx", "a.xlsx",
		"a.odt", "a.ods", "a.zip", "a.doc", "a.xls", "a.txt", "a.csv",
		"a.png", "a.jpg", "a", "a.exe" };
	static const char *const types[] = { "application/pdf",
		"application/msword", "application/vnd.ms-excel",
		"application/vnd.openxmlformats-officedocument."
		"wordprocessingml.document",
		"application/vnd.openxmlformats-officedocument.spreadsheetml."
		"sheet",
		"application/vnd.oasis.opendocument.text",
		"application/vnd.oasis.opendocument.spreadsheet", "image/png",
		"image/jpeg", "text/plain", "text/csv", "application/zip" };
	const char *name, *type = NULL;
	struct diag d;
	size_t i;
	int rc;

	if (size == 0 || size > (1u << 20))
		return 0;
	name = names[data[0] % (sizeof(names) / sizeof(names[0]))];
	diag_init(&d);
	rc = app_evidence_kind(name, data + 1, size - 1, &type, &d);
	if (rc == 0) {
		for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (type != NULL && strcmp(type, types[i]) == 0)
				break;
		if (i == sizeof(types) / sizeof(types[0]) || d.d_n != 0)
			abort();
	} else if (rc != -1 || d.d_nerr != 1 ||
	    strcmp(d.d_items[0].di_code, "evidence.type") != 0 ||
	    strstr(d.d_items[0].di_vi, name) == NULL ||
	    strstr(d.d_items[0].di_en, name) == NULL) {
		abort();
	}
	diag_free(&d);
	return 0;
}
