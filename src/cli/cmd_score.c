/* cmd_score.c: dti score — score a round file with a methodology. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/score.h"
#include "io/round_csv.h"
#include "io/score_write.h"

static void
score_usage(enum diag_lang lang)
{
	fputs(cli_msg(lang,
		  "Cách dùng:\n"
		  "  dti score [--methodology FILE] [--format csv|json] "
		  "[--explain] [--quiet] ROUND.csv\n"
		  "  dti score --period P [--include-drafts] [--db dti.db] "
		  "[--format csv|json] [--explain]\n"
		  "ROUND.csv là '-' để đọc từ đầu vào chuẩn; --period chấm "
		  "số liệu đã duyệt của một kỳ.\n",
		  "Usage:\n"
		  "  dti score [--methodology FILE] [--format csv|json] "
		  "[--explain] [--quiet] ROUND.csv\n"
		  "  dti score --period P [--include-drafts] [--db dti.db] "
		  "[--format csv|json] [--explain]\n"
		  "ROUND.csv may be '-' for standard input; --period scores a "
		  "period's approved values.\n"),
	    stderr);
}

int
cmd_score(int argc, char **argv, enum diag_lang lang)
{
	static const struct option opts[] = {
		{ "methodology", required_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		{ "explain", no_argument, NULL, 'e' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "period", required_argument, NULL, 'p' },
		{ "db", required_argument, NULL, 'd' },
		{ "include-drafts", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *period = NULL, *db = "dti.db";
	int drafts = 0;
	struct score_write_opts wo = { FMT_CSV, 0, NULL };
	const char *mpath = NULL, *path;
	struct method *m = NULL;
	struct round *r = NULL;
	struct score *s = NULL;
	struct diag d;
	FILE *f;
	int c, rc, quiet = 0;

	optind = 1;
	while (
	    (c = getopt_long(argc, argv, "m:f:eqhp:d:D", opts, NULL)) != -1) {
		switch (c) {
		case 'm': mpath = optarg; break;
		case 'f':
			if (strcmp(optarg, "csv") == 0)
				wo.sw_format = FMT_CSV;
			else if (strcmp(optarg, "json") == 0)
				wo.sw_format = FMT_JSON;
			else {
				fprintf(stderr,
				    "dti score: %s '%s' (csv, json)\n",
				    cli_msg(lang, "định dạng không hợp lệ",
					"unknown format"),
				    optarg);
				return EXIT_USAGE;
			}
			break;
		case 'e': wo.sw_explain = 1; break;
		case 'q': quiet = 1; break;
		case 'p': period = optarg; break;
		case 'd': db = optarg; break;
		case 'D': drafts = 1; break;
		case 'h': score_usage(lang); return EXIT_OK;
		default: score_usage(lang); return EXIT_USAGE;
		}
	}
	if (period != NULL) {
		if (optind != argc || mpath != NULL) {
			score_usage(lang);
			return EXIT_USAGE;
		}
		return cli_score_period(db, period, drafts, &wo, quiet, lang);
	}
	if (optind != argc - 1 || drafts) {
		score_usage(lang);
		return EXIT_USAGE;
	}
	path = argv[optind];
	if ((rc = cli_load_method(mpath, &m, lang)) != EXIT_OK)
		return rc;
	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "dti score: %s: %s\n", path, strerror(errno));
		method_free(m);
		return EXIT_IO;
	}
	diag_init(&d);
	rc = round_csv_read(
	    f, strcmp(path, "-") == 0 ? "<stdin>" : path, m, &r, &d);
	if (f != stdin)
		fclose(f);
	diag_print(stderr, &d, lang);
	if (rc < 0) {
		fprintf(stderr, "dti score: %s: %zu %s\n", path, d.d_nerr,
		    cli_msg(lang, "lỗi; tệp bị từ chối, không chấm điểm",
			"errors; the file is rejected, nothing scored"));
		diag_free(&d);
		method_free(m);
		return EXIT_INVALID;
	}
	diag_free(&d);
	s = score_round(r, NULL, NULL);
	if (!quiet)
		cli_print_warnings(s, lang);
	rc = EXIT_OK;
	if (score_write(stdout, s, &wo) < 0) {
		fprintf(stderr, "dti score: %s: %s\n",
		    cli_msg(lang, "không ghi được kết quả",
			"cannot write the result"),
		    strerror(errno));
		rc = EXIT_IO;
	}
	score_free(s);
	round_free(r);
	method_free(m);
	return rc;
}
