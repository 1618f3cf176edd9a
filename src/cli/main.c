/* main.c: dti, the Digital Transformation Index tool. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "cli/cli.h"

static void
usage(FILE *f, enum diag_lang lang)
{
	fputs(
	    cli_msg(lang,
		"Cách dùng: dti <lệnh> [tùy chọn]\n"
		"\n"
		"Lệnh:\n"
		"  score [--methodology FILE] [--format csv|json] [--explain] ROUND.csv\n"
		"                      chấm điểm một vòng đánh giá (tệp CSV unit,input,value)\n"
		"  methodology check [FILE]\n"
		"                      kiểm tra một tệp phương pháp (mặc định: DTI cấp tỉnh 2022)\n"
		"  methodology show [FILE]\n"
		"                      in tệp phương pháp có sẵn (để sửa thành phương pháp mới)\n"
		"\n"
		"Ngôn ngữ: tiếng Việt; DTI_LANG=en cho tiếng Anh.\n",
		"Usage: dti <command> [options]\n"
		"\n"
		"Commands:\n"
		"  score [--methodology FILE] [--format csv|json] [--explain] ROUND.csv\n"
		"                      score an assessment round (unit,input,value CSV)\n"
		"  methodology check [FILE]\n"
		"                      validate a methodology file (default: 2022 provincial DTI)\n"
		"  methodology show [FILE]\n"
		"                      print the built-in methodology (to edit into a new one)\n"
		"\n"
		"Language: Vietnamese; DTI_LANG=en for English.\n"),
	    f);
}

int
main(int argc, char **argv)
{
	enum diag_lang lang = diag_lang_from_env();

	if (auth_init() < 0) {
		fputs("dti: libsodium cannot start\n", stderr);
		return EXIT_IO;
	}
	if (argc < 2) {
		usage(stderr, lang);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "score") == 0)
		return cmd_score(argc - 1, argv + 1, lang);
	if (strcmp(argv[1], "methodology") == 0) {
		if (argc > 2 && strcmp(argv[2], "load") == 0)
			return cmd_methodology_load(argc - 2, argv + 2, lang);
		return cmd_methodology(argc - 1, argv + 1, lang);
	}
	{
		static const struct {
			const char *name;
			int (*fn)(int, char **, enum diag_lang);
		} cmds[] = {
			{ "init", cmd_init },
			{ "backup", cmd_backup },
			{ "period", cmd_period },
			{ "import", cmd_import },
			{ "export", cmd_export },
			{ "status", cmd_status },
			{ "value", cmd_value },
			{ "evidence", cmd_evidence },
			{ "submit", cmd_review },
			{ "approve", cmd_review },
			{ "return", cmd_review },
			{ "reopen", cmd_review },
			{ "audit", cmd_audit },
			{ "tasks", cmd_tasks },
			{ "task", cmd_task },
			{ "targets", cmd_targets },
			{ "serve", cmd_serve },
			{ "user", cmd_user },
		};
		size_t i;

		for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
			if (strcmp(argv[1], cmds[i].name) == 0)
				return cmds[i].fn(argc - 1, argv + 1, lang);
		}
	}
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		usage(stdout, lang);
		return EXIT_OK;
	}
	fprintf(stderr, "dti: %s '%s'\n",
	    cli_msg(lang, "không có lệnh", "unknown command"), argv[1]);
	usage(stderr, lang);
	return EXIT_USAGE;
}
