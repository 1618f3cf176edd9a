/* main.c: dti, the Digital Transformation Index tool. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "auth/auth.h"
#include "cli/cli.h"

typedef int cmd_fn(int, char **, enum diag_lang);

/* One line of `dti --help`; a NULL name starts a group. */
struct cmd {
	const char *cm_name; /* what argv[1] says, or NULL: a heading */
	cmd_fn *cm_fn;
	const char *cm_args; /* the rest of the synopsis */
	const char *cm_vi; /* what it does, or the group's name */
	const char *cm_en;
};

static int
cmd_methodology_any(int argc, char **argv, enum diag_lang lang)
{
	if (argc > 1 && strcmp(argv[1], "load") == 0)
		return cmd_methodology_load(argc - 1, argv + 1, lang);
	if (argc > 1 && strcmp(argv[1], "list") == 0)
		return cmd_methodology_list(argc - 1, argv + 1, lang);
	return cmd_methodology(argc, argv, lang);
}

static const struct cmd cmds[] = {
	{ NULL, NULL, NULL, "Chấm điểm", "Scoring" },
	{ "score", cmd_score,
	    "[--methodology FILE] [--format csv|json] [--explain] ROUND.csv\n"
	    "              | --period P [--include-drafts] [--db dti.db]",
	    "chấm điểm một vòng (tệp CSV unit,input,value) hoặc một kỳ",
	    "score a round (unit,input,value CSV) or a period" },
	{ "methodology", cmd_methodology_any,
	    "check|show [FILE] | load FILE | list",
	    "kiểm tra, in, hoặc nạp một phiên bản phương pháp",
	    "check, print or load a methodology version" },
	{ NULL, NULL, NULL, "Cơ sở dữ liệu và kỳ báo cáo",
	    "Database and reporting periods" },
	{ "init", cmd_init, "[--demo] [--db dti.db]",
	    "tạo cơ sở dữ liệu của tỉnh (--demo: số liệu minh họa)",
	    "create the province's database (--demo: illustrative data)" },
	{ "period", cmd_period,
	    "open|close|reopen|list|set-methodology|ranking [P]",
	    "mở, đóng, mở lại, liệt kê kỳ báo cáo và hạn nộp",
	    "open, close, reopen, list periods and their deadlines" },
	{ "backup", cmd_backup, "FILE", "sao lưu trực tuyến, nhất quán",
	    "online, consistent backup" },
	{ NULL, NULL, NULL, "Số liệu và minh chứng", "Data and evidence" },
	{ "import", cmd_import,
	    "--period P [--submit|--approve] [--add-units] [--skip-locked]\n"
	    "              ROUND.csv|WORKSHEET.xlsx",
	    "nhập một tệp số liệu hoặc phiếu XLSX (tất cả hoặc không)",
	    "import a data file or an XLSX work sheet (all or nothing)" },
	{ "template", cmd_template,
	    "--period P [--agency A] [--unit U] -o FILE",
	    "phiếu nhập số liệu XLSX của một cơ quan",
	    "an agency's XLSX work sheet to fill" },
	{ "export", cmd_export, "--period P [--parts PARTS.csv] [FILE]",
	    "xuất số liệu của kỳ (unit,input,value)",
	    "export a period's values (unit,input,value)" },
	{ "value", cmd_value,
	    "set --period P [--unit U] [--part A] INPUT VALUE | list",
	    "nhập một giá trị (bản nháp); liệt kê giá trị và nhận xét",
	    "enter one value (a draft); list values and comments" },
	{ "evidence", cmd_evidence, "add|list --period P ...",
	    "thêm hoặc liệt kê minh chứng", "add or list evidence" },
	{ "status", cmd_status, "--period P [--format csv]",
	    "tiến độ từng cơ quan: đã nhập, còn thiếu, đã gửi, đã duyệt",
	    "each agency's progress: entered, missing, sent, approved" },
	{ "worklist", cmd_worklist,
	    "--period P [--agency A] [--unit U] [--format csv|json]",
	    "việc cần làm của một cơ quan: từng dữ liệu, giá trị, cảnh báo, minh chứng, hạn",
	    "an agency's work list: each input, value, warnings, evidence, deadline" },
	{ NULL, NULL, NULL, "Gửi và duyệt", "Submission and review" },
	{ "submit", cmd_review, "--period P --agency A [--inputs I,J]",
	    "gửi số liệu của cơ quan (kiểm tra đủ)",
	    "submit an agency's values (completeness checked)" },
	{ "approve", cmd_review, "--period P --agency A | --inputs I,J",
	    "phê duyệt số liệu đã gửi", "approve submitted values" },
	{ "return", cmd_review, "--period P --inputs I,J --comment TEXT",
	    "trả lại để sửa, kèm ý kiến",
	    "return for correction, with a comment" },
	{ "reopen", cmd_review, "--period P --inputs I,J --reason TEXT",
	    "mở lại số liệu đã duyệt", "reopen approved values" },
	{ "review", cmd_review_list,
	    "--period P [--missing-evidence] [--agency A] [--format csv|json]",
	    "giá trị chờ duyệt; giá trị đã duyệt thiếu minh chứng bắt buộc",
	    "values to review; approved ones lacking required evidence" },
	{ NULL, NULL, NULL, "Kế hoạch", "The plan" },
	{ "plan", cmd_plan, "load FILE [--dry-run] | list",
	    "nạp một kế hoạch (nhiệm vụ, chỉ tiêu); liệt kê các kế hoạch",
	    "load a plan (tasks, targets); list the plans" },
	{ "tasks", cmd_tasks,
	    "[--plan C] [--year Y] [--agency A] [--overdue] [--format csv]",
	    "nhiệm vụ, trạng thái từng cơ quan, quá hạn",
	    "tasks, each agency's status, overdue" },
	{ "task", cmd_task,
	    "update CODE [--agency A] [--status S] [--note T] | show CODE",
	    "cập nhật tiến độ một nhiệm vụ; lịch sử tiến độ",
	    "report a task's progress; its history" },
	{ "targets", cmd_targets, "[--period P] [--format csv]",
	    "chỉ tiêu của năm và mức đạt", "the year's targets, how far met" },
	{ "target", cmd_target,
	    "set|submit|approve|return|reopen|history CODE [--value V]",
	    "nhập tay chỉ tiêu chỉ số không đo, kèm minh chứng; duyệt",
	    "enter a target the index does not measure, with evidence; review" },
	{ NULL, NULL, NULL, "Phân tích", "Analysis" },
	{ "analysis", cmd_analysis,
	    "losses|trend|sensitivity --period P [--format json]",
	    "điểm bị mất, so với năm trước, bước tiếp theo đáng giá nhất",
	    "points lost, year on year, the next steps worth most" },
	{ "whatif", cmd_whatif,
	    "--period P [--targets-met] [--number-format vi] INPUT=VALUE ...",
	    "điểm với giá trị giả định (không ghi gì)",
	    "scores with hypothetical values (writes nothing)" },
	{ "results", cmd_results,
	    "import FILE.csv [--year Y] [--source S] | list [--year Y]",
	    "kết quả DTI đã công bố của các tỉnh, xếp hạng",
	    "published DTI results of the provinces, ranks" },
	{ "bounds", cmd_bounds,
	    "set --period P INDICATOR MIN MAX [--source S] | list --period P",
	    "giới hạn tham chiếu cho chỉ tiêu Min-Max khi chỉ có một tỉnh",
	    "reference bounds of Min-Max indicators for a lone province" },
	{ NULL, NULL, NULL, "Báo cáo", "Reports" },
	{ "report", cmd_report,
	    "--period P --format xlsx|docx|pdf -o FILE [--include-drafts]",
	    "báo cáo kết quả DTI của kỳ: bảng tính, văn bản Word, PDF",
	    "a period's DTI report: workbook, Word document, PDF" },
	{ NULL, NULL, NULL, "Quản trị và máy chủ",
	    "Administration and server" },
	{ "audit", cmd_audit,
	    "[--period P] [--agency A] [--unit U] [--input I] [--format csv]",
	    "nhật ký thay đổi", "the audit log" },
	{ "user", cmd_user,
	    "list | add --role R [--agency A] LOGIN | reset LOGIN | disable LOGIN"
	    " | enable LOGIN | set LOGIN --role R | sessions LOGIN"
	    " | end-session LOGIN ID|--all",
	    "tài khoản: tạo, đặt lại mật khẩu, khóa, đổi vai trò, phiên",
	    "accounts: add, reset a password, disable, change role, sessions" },
	{ "serve", cmd_serve, "[--listen ADDR:PORT] [--db dti.db]",
	    "máy chủ web và API JSON", "the web and JSON API server" },
	{ NULL, NULL, NULL, "Tổ chức (cơ quan, đơn vị)",
	    "The organisation (agencies, units)" },
	{ "agency", cmd_agency,
	    "list [--at DATE] | add|rename|deactivate|reactivate|merge CODE ...",
	    "cơ quan: thêm, đổi tên, ngừng, sáp nhập",
	    "agencies: add, rename, deactivate, merge" },
	{ "unit", cmd_unit,
	    "list [--at DATE] | add|rename|deactivate|reactivate|merge CODE ...",
	    "đơn vị hành chính: thêm, đổi tên, ngừng, sáp nhập",
	    "units: add, rename, deactivate, merge" },
	{ "org", cmd_org,
	    "load FILE [--dry-run] [--effective DATE] | changes | lineage UNIT",
	    "nạp phiên bản mới của tổ chức; lịch sử thay đổi",
	    "load a new version of the organisation; its history" },
};
#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

/* usage(f, lang): every command, by group. */
static void
usage(FILE *f, enum diag_lang lang)
{
	size_t i;

	fprintf(f, "%s\n",
	    cli_msg(lang,
		"Cách dùng: dti <lệnh> [tùy chọn]   (dti <lệnh> --help)",
		"Usage: dti <command> [options]   (dti <command> --help)"));
	for (i = 0; i < NCMDS; i++) {
		const struct cmd *c = &cmds[i];

		if (c->cm_name == NULL) {
			fprintf(
			    f, "\n%s:\n", cli_msg(lang, c->cm_vi, c->cm_en));
			continue;
		}
		fprintf(f, "  %-11s %s\n  %-11s   %s\n", c->cm_name, c->cm_args,
		    "", cli_msg(lang, c->cm_vi, c->cm_en));
	}
	fprintf(f, "\n%s\n",
	    cli_msg(lang,
		"Cơ sở dữ liệu: --db dti.db; người thực hiện: --user NAME. "
		"Ngôn ngữ: tiếng Việt; DTI_LANG=en cho tiếng Anh.",
		"Database: --db dti.db; who acts: --user NAME. "
		"Language: Vietnamese; DTI_LANG=en for English."));
}

/* wants_help(argc, argv): 1 when an argument after the command asks for help. */
static int
wants_help(int argc, char **argv)
{
	int i;

	for (i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

/*
 * command_help(c, lang): the command's own usage on stdout, exit 0. Each
 * command prints its usage when it is given nothing it can run; that text
 * goes to stderr for mistakes, so stderr is pointed at stdout meanwhile.
 */
static int
command_help(const struct cmd *c, enum diag_lang lang)
{
	char *argv[] = { (char *)c->cm_name, (char *)"--help", NULL };
	int saved, rc;

	fflush(stdout);
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	if (saved < 0 || dup2(STDOUT_FILENO, STDERR_FILENO) < 0)
		return EXIT_IO;
	rc = c->cm_fn(2, argv, lang);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	return rc == EXIT_USAGE ? EXIT_OK : rc;
}

int
main(int argc, char **argv)
{
	enum diag_lang lang = diag_lang_from_env();
	size_t i;

	if (auth_init() < 0) {
		fputs("dti: libsodium cannot start\n", stderr);
		return EXIT_IO;
	}
	if (argc < 2) {
		usage(stderr, lang);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		usage(stdout, lang);
		return EXIT_OK;
	}
	for (i = 0; i < NCMDS; i++) {
		const struct cmd *c = &cmds[i];

		if (c->cm_name == NULL || strcmp(argv[1], c->cm_name) != 0)
			continue;
		if (wants_help(argc, argv))
			return command_help(c, lang);
		return c->cm_fn(argc - 1, argv + 1, lang);
	}
	fprintf(stderr, "dti: %s '%s'\n",
	    cli_msg(lang, "không có lệnh", "unknown command"), argv[1]);
	usage(stderr, lang);
	return EXIT_USAGE;
}
