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

/* What dti score was asked to do. */
struct score_args {
	const char *sca_mpath; /* --methodology, NULL: the built-in one */
	const char *sca_period; /* --period, NULL: score a file */
	const char *sca_db;
	int sca_drafts;
	int sca_quiet;
	struct score_write_opts sca_wo;
};

/* Parse the options into ${a}; return -1 to go on, else an exit code. */
static int
score_args(int argc, char **argv, struct score_args *a, enum diag_lang lang)
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
	int c;

	memset(a, 0, sizeof(*a));
	a->sca_db = "dti.db";
	a->sca_wo.sw_format = FMT_CSV;
	optind = 1;
	while (
	    (c = getopt_long(argc, argv, "m:f:eqhp:d:D", opts, NULL)) != -1) {
		switch (c) {
		case 'm': a->sca_mpath = optarg; break;
		case 'f':
			if (strcmp(optarg, "csv") == 0)
				a->sca_wo.sw_format = FMT_CSV;
			else if (strcmp(optarg, "json") == 0)
				a->sca_wo.sw_format = FMT_JSON;
			else {
				fprintf(stderr,
				    "dti score: %s '%s' (csv, json)\n",
				    cli_msg(lang, "định dạng không hợp lệ",
					"unknown format"),
				    optarg);
				return EXIT_USAGE;
			}
			break;
		case 'e': a->sca_wo.sw_explain = 1; break;
		case 'q': a->sca_quiet = 1; break;
		case 'p': a->sca_period = optarg; break;
		case 'd': a->sca_db = optarg; break;
		case 'D': a->sca_drafts = 1; break;
		case 'h': score_usage(lang); return EXIT_OK;
		default: score_usage(lang); return EXIT_USAGE;
		}
	}
	return -1;
}

/* Score the round file ${path} with methodology ${m}; an exit code. */
static int
score_file(const char *path, const struct method *m, const struct score_args *a,
    enum diag_lang lang)
{
	struct round *r = NULL;
	struct score *s;
	struct diag d;
	FILE *f;
	int rc;

	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL) {
		cli_file_error("score", path, errno, lang);
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
		return EXIT_INVALID;
	}
	diag_free(&d);
	s = score_round(r, NULL, NULL);
	if (!a->sca_quiet)
		cli_print_warnings(s, lang);
	rc = EXIT_OK;
	if (score_write(stdout, s, &a->sca_wo) < 0) {
		fprintf(stderr, "dti score: %s: %s\n",
		    cli_msg(lang, "không ghi được kết quả",
			"cannot write the result"),
		    strerror(errno));
		rc = EXIT_IO;
	}
	score_free(s);
	round_free(r);
	return rc;
}

int
cmd_score(int argc, char **argv, enum diag_lang lang)
{
	struct score_args a;
	struct method *m = NULL;
	int rc;

	if ((rc = score_args(argc, argv, &a, lang)) >= 0)
		return rc;
	if (a.sca_period != NULL) {
		if (optind != argc || a.sca_mpath != NULL) {
			score_usage(lang);
			return EXIT_USAGE;
		}
		return cli_score_period(a.sca_db, a.sca_period, a.sca_drafts,
		    &a.sca_wo, a.sca_quiet, lang);
	}
	if (optind != argc - 1 || a.sca_drafts) {
		score_usage(lang);
		return EXIT_USAGE;
	}
	if ((rc = cli_load_method(a.sca_mpath, &m, lang)) != EXIT_OK)
		return rc;
	rc = score_file(argv[optind], m, &a, lang);
	method_free(m);
	return rc;
}
