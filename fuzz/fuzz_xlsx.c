/*
 * fuzz_xlsx.c: the XLSX reader (io/xlsx_read.c) and the work sheet reader
 * (io/xlsx_template.c). Byte 0 chooses what the rest is: 'X', the parts of
 * a package (name NUL content NUL name NUL content ...), which the harness
 * stores into a zip with libzip, true CRCs and no compression, so that
 * mutations reach the XML readers; anything else, the bytes of a file as
 * given (the zip layer and its limits). The workbook's sheets "Số liệu"
 * and "dti" are read, then the work sheet against the built-in 2022
 * provincial methodology as a sheet of period 2023.
 * DTI_FUZZ_XLSX_LOG=1 prints every message and the values read.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "engine/builtin.h"
#include "engine/method.h"
#include "io/xlsx_read.h"
#include "io/xlsx_template.h"
#include "util/diag.h"
#include "util/sha256.h"
#include "util/utf8.h"

#define MAX_PARTS 64

static const struct method *
builtin(char sha[65])
{
	static struct method *m;
	static char hash[65];
	struct diag d;

	if (m == NULL) {
		diag_init(&d);
		if (method_load(&m, builtin_method_text, builtin_method_len,
			builtin_method_name, &d) < 0)
			abort(); /* the built-in methodology must load */
		diag_free(&d);
		sha256_hex(builtin_method_text, builtin_method_len, hash);
	}
	memcpy(sha, hash, 65);
	return m;
}

/*
 * assemble(data, size, out, len): the zip of the parts in ${data}, in a
 * malloc'd ${out}; -1 when libzip cannot make it (a bad part name).
 */
static int
assemble(const uint8_t *data, size_t size, char **out, size_t *len)
{
	const char *p = (const char *)data, *end = p + size;
	zip_source_t *src;
	zip_stat_t st;
	zip_t *z;
	int n = 0, rc = -1;

	*out = NULL;
	src = zip_source_buffer_create(NULL, 0, 0, NULL);
	if (src == NULL)
		abort();
	z = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (z == NULL)
		abort();
	zip_source_keep(src);
	while (p < end && n < MAX_PARTS) {
		const char *name = p, *nul = memchr(p, '\0', (size_t)(end - p));
		const char *body, *bend;
		zip_source_t *s;
		zip_int64_t i;

		if (nul == NULL || nul == name)
			break;
		body = nul + 1;
		bend = memchr(body, '\0', (size_t)(end - body));
		if (bend == NULL)
			bend = end;
		s = zip_source_buffer(z, body, (zip_uint64_t)(bend - body), 0);
		i = s != NULL ? zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) : -1;
		if (i < 0) {
			zip_source_free(s);
			zip_discard(z);
			zip_source_free(src);
			return -1;
		}
		zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
		n++;
		p = bend + 1;
	}
	if (zip_close(z) != 0) {
		zip_discard(z);
		zip_source_free(src);
		return -1;
	}
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		*out = malloc(st.size + 1);
		if (*out == NULL)
			abort();
		*len = (size_t)zip_source_read(src, *out, st.size);
		zip_source_close(src);
		rc = *len == st.size ? 0 : -1;
	}
	zip_source_free(src);
	if (rc != 0) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

/* The promises of a sheet read: cells in order, once, findable, UTF-8. */
static void
check_sheet(const struct xlsx_sheet *sh)
{
	size_t i;

	for (i = 0; i < sh->xs_n; i++) {
		const struct xlsx_cell *c = &sh->xs_cells[i];

		if (c->xv_row < 1 || c->xv_row > XLSX_MAX_ROW ||
		    c->xv_col < 1 || c->xv_col > XLSX_MAX_COL ||
		    (unsigned)c->xv_type > XLSX_ERROR ||
		    !utf8_valid(c->xv_text, strlen(c->xv_text)) ||
		    xlsx_cell(sh, c->xv_row, c->xv_col) != c)
			abort();
		if (i > 0 &&
		    (c[-1].xv_row > c->xv_row ||
			(c[-1].xv_row == c->xv_row &&
			    c[-1].xv_col >= c->xv_col)))
			abort();
	}
}

static void
check_diag(const struct diag *d, int rc)
{
	static int log = -1;
	size_t i;

	if (log < 0)
		log = getenv("DTI_FUZZ_XLSX_LOG") != NULL;
	if (rc < 0 && d->d_nerr == 0)
		abort(); /* refused without saying why */
	for (i = 0; i < d->d_n; i++) {
		const struct diag_item *it = &d->d_items[i];
		char *s;

		if (!utf8_valid(it->di_vi, strlen(it->di_vi)) ||
		    !utf8_valid(it->di_en, strlen(it->di_en)))
			abort(); /* the API could not answer with it */
		s = diag_format(it, LANG_VI);
		if (log)
			fprintf(stderr, "  %s\n", s);
		free(s);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const sheets[] = { XLSX_TEMPLATE_SHEET,
		XLSX_TEMPLATE_META };
	char sha[65], *built = NULL;
	const struct method *m = builtin(sha);
	const char *bytes = (const char *)data;
	struct xlsx_book *b = NULL;
	struct xlsx_sheet *sh;
	struct xlsx_work w;
	struct diag d;
	size_t len = size, i;
	int rc, u, in;

	if (size > 0 && data[0] == 'X') {
		if (assemble(data + 1, size - 1, &built, &len) < 0)
			return 0;
		bytes = built;
	}
	diag_init(&d);
	rc = xlsx_open(&b, bytes, len, "fuzz.xlsx", &d);
	check_diag(&d, rc);
	if ((rc == 0) != (b != NULL))
		abort();
	for (i = 0; b != NULL && i < 2; i++) {
		rc = xlsx_sheet_read(b, sheets[i], &sh, &d);
		check_diag(&d, rc);
		if ((rc == 0) != (sh != NULL))
			abort();
		if (sh != NULL)
			check_sheet(sh);
		xlsx_sheet_free(sh);
	}
	xlsx_close(b);
	diag_free(&d);
	diag_init(&d);
	rc =
	    xlsx_template_read(bytes, len, "fuzz.xlsx", m, "2023", sha, &w, &d);
	check_diag(&d, rc);
	if ((rc == 0) != (w.xw_r != NULL))
		abort(); /* half a result */
	for (u = 0; w.xw_r != NULL && u < w.xw_r->r_nunits; u++)
		for (in = 0; in < m->m_ninputs; in++)
			if (round_has(w.xw_r, u, in) &&
			    round_raw(w.xw_r, u, in) == NULL)
				abort(); /* a value without its text */
	for (i = 0; i < w.xw_ndocs; i++)
		if (w.xw_docs[i].xd_unit >= w.xw_r->r_nunits ||
		    !round_has(
			w.xw_r, w.xw_docs[i].xd_unit, w.xw_docs[i].xd_input))
			abort(); /* evidence for no value */
	if (getenv("DTI_FUZZ_XLSX_LOG") != NULL && w.xw_r != NULL)
		fprintf(stderr, "  work sheet: %d unit(s), %zu evidence\n",
		    w.xw_r->r_nunits, w.xw_ndocs);
	xlsx_template_free(&w);
	diag_free(&d);
	free(built);
	return 0;
}
