/* cmd_report.c: dti report — a period's report as XLSX, DOCX or PDF. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "util/date.h"

static const char report_usage[] =
    "Cách dùng / usage: dti report --period P --format xlsx|docx|pdf -o FILE "
    "[--include-drafts] [--db dti.db]\n"
    "  báo cáo kết quả DTI của một kỳ: bảng tính (Phụ lục 2), văn bản "
    "Word để sửa và ký, PDF để in\n"
    "  a period's DTI report: a workbook (Appendix 2), an editable Word "
    "document, a PDF to print\n";

int
cmd_report(int argc, char **argv, enum diag_lang lang)
{
	static const struct option lopts[] = {
		{ "period", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "db", required_argument, NULL, 'd' },
		{ "include-drafts", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *period = NULL, *format = NULL, *out = NULL, *type = NULL;
	struct opts o;
	struct store *s;
	struct diag d;
	char *data = NULL;
	size_t len = 0;
	int c, drafts = 0, rc;
	FILE *f;

	memset(&o, 0, sizeof(o));
	o.op_db = "dti.db";
	o.op_lang = lang;
	optind = 1;
	while ((c = getopt_long(argc, argv, "p:f:o:d:Dh", lopts, NULL)) != -1) {
		switch (c) {
		case 'p': period = optarg; break;
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		case 'd': o.op_db = optarg; break;
		case 'D': drafts = 1; break;
		case 'h': fputs(report_usage, stdout); return EXIT_OK;
		default: fputs(report_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc || period == NULL || format == NULL || out == NULL) {
		fputs(report_usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	rc = app_report_file(
	    s, period, format, drafts, date_today(), &data, &len, &type, &d);
	app_close(s);
	if (rc != 0)
		return cli_fail(&d, rc, lang);
	diag_free(&d);
	f = fopen(out, "wb");
	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		int err = errno;

		cli_file_error("report", out, err, lang);
		free(data);
		return EXIT_IO;
	}
	free(data);
	printf("%s %s (%s)\n",
	    cli_msg(lang, "Đã ghi báo cáo", "Wrote the report"), out, type);
	return EXIT_OK;
}
