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

/* One warning line per indicator that could not be scored. */
static void
print_warnings(const struct score *s)
{
	const struct method *m = s->s_m;
	struct buf b;
	long nmissing = 0, ndiv0 = 0;
	int u, i;

	buf_init(&b);
	for (u = 0; u < s->s_nunits; u++) {
		for (i = 0; i < m->m_nind; i++) {
			enum score_status st = score_status(s, u, i);

			if (st == SC_MISSING) {
				buf_reset(&b);
				score_missing(s, u, i, &b);
				fprintf(stderr, "%s: %s %s, %s %s: %s %s\n",
				    cli_msg("cảnh báo", "warning"),
				    cli_msg("đơn vị", "unit"),
				    s->s_r->r_units[u],
				    cli_msg("chỉ số", "indicator"),
				    m->m_ind[i].mn_code,
				    cli_msg("thiếu dữ liệu", "missing input"),
				    buf_cstr(&b));
				nmissing++;
			} else if (st == SC_DIV0) {
				fprintf(stderr, "%s: %s %s, %s %s: %s\n",
				    cli_msg("cảnh báo", "warning"),
				    cli_msg("đơn vị", "unit"),
				    s->s_r->r_units[u],
				    cli_msg("chỉ số", "indicator"),
				    m->m_ind[i].mn_code,
				    cli_msg("mẫu số bằng 0, chấm 0 điểm",
					"zero denominator, scored 0"));
				ndiv0++;
			}
		}
	}
	if (nmissing + ndiv0 > 0)
		fprintf(stderr, "%s: %ld %s, %ld %s\n",
		    cli_msg("tổng cộng", "in all"), nmissing,
		    cli_msg("chỉ số thiếu dữ liệu", "indicators missing input"),
		    ndiv0,
		    cli_msg("chỉ số có mẫu số bằng 0",
			"indicators with a zero denominator"));
	buf_free(&b);
}

static void
score_usage(void)
{
	fputs(
	    cli_msg(
		"Cách dùng: dti score [--methodology FILE] [--format csv|json] [--explain] [--quiet] ROUND.csv\n"
		"  ROUND.csv là '-' để đọc từ đầu vào chuẩn.\n",
		"Usage: dti score [--methodology FILE] [--format csv|json] [--explain] [--quiet] ROUND.csv\n"
		"  ROUND.csv may be '-' for standard input.\n"),
	    stderr);
}

int
cmd_score(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "methodology", required_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		{ "explain", no_argument, NULL, 'e' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct score_write_opts wo = { FMT_CSV, 0, NULL };
	const char *mpath = NULL, *path;
	struct method *m = NULL;
	struct round *r = NULL;
	struct score *s = NULL;
	struct diag d;
	FILE *f;
	int c, rc, quiet = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "m:f:eqh", opts, NULL)) != -1) {
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
				    cli_msg("định dạng không hợp lệ",
					"unknown format"),
				    optarg);
				return EXIT_USAGE;
			}
			break;
		case 'e': wo.sw_explain = 1; break;
		case 'q': quiet = 1; break;
		case 'h': score_usage(); return EXIT_OK;
		default: score_usage(); return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		score_usage();
		return EXIT_USAGE;
	}
	path = argv[optind];
	if ((rc = cli_load_method(mpath, &m)) != EXIT_OK)
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
	cli_print_diag(&d);
	if (rc < 0) {
		fprintf(stderr, "dti score: %s: %zu %s\n", path, d.d_nerr,
		    cli_msg("lỗi; tệp bị từ chối, không chấm điểm",
			"errors; the file is rejected, nothing scored"));
		diag_free(&d);
		method_free(m);
		return EXIT_INVALID;
	}
	diag_free(&d);
	s = score_round(r, NULL, NULL);
	if (!quiet)
		print_warnings(s);
	rc = EXIT_OK;
	if (score_write(stdout, s, &wo) < 0) {
		fprintf(stderr, "dti score: %s: %s\n",
		    cli_msg(
			"không ghi được kết quả", "cannot write the result"),
		    strerror(errno));
		rc = EXIT_IO;
	}
	score_free(s);
	round_free(r);
	method_free(m);
	return rc;
}
