/* cmd_methodology.c: dti methodology check|show — validate or print one. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/builtin.h"

static int
count_inputs(const struct method *m, int general)
{
	int i, n = 0;

	for (i = 0; i < m->m_ninputs; i++)
		n += (m->m_inputs[i].mi_general >= 0) == general;
	return n;
}

static void
summary(const struct method *m, const char *path, enum diag_lang lang)
{
	int top = method_top_level(m), i;
	int parts = m->m_nind - top;

	printf("%s: %s — %s (%s %s)\n", path, m->m_id, m->m_name,
	    cli_msg(lang, "phiên bản", "version"),
	    m->m_version ? m->m_version : "-");
	printf("%d %s, %d %s + %d %s, %d %s, %d %s, %g %s\n", m->m_ngroups,
	    cli_msg(lang, "nhóm", "groups"), top,
	    cli_msg(lang, "chỉ số thành phần", "indicators"), parts,
	    cli_msg(lang, "chỉ số con", "sub-indicators"), count_inputs(m, 0),
	    cli_msg(lang, "dữ liệu đầu vào", "inputs"), m->m_ngeneral,
	    cli_msg(lang, "mục thông tin chung", "general items"), m->m_total,
	    cli_msg(lang, "điểm", "points"));
	for (i = 0; i < m->m_ngroups; i++) {
		const struct m_group *g = &m->m_groups[i];

		printf("  %-5s %s%*s %3d %s %6g %s\n", g->mg_code, g->mg_name,
		    cli_pad(g->mg_name, 32), "", g->mg_n,
		    cli_msg(lang, "chỉ số", "indicators"), g->mg_points,
		    cli_msg(lang, "điểm", "points"));
	}
	for (i = 0; i < m->m_nderived; i++)
		printf("  %-5s %s = %s\n", m->m_derived[i].md_code,
		    m->m_derived[i].md_name, m->m_derived[i].md_src);
	/* one line for scripts, the same in every language */
	printf("groups=%d indicators=%d sub_indicators=%d inputs=%d "
	       "general=%d agencies=%d points=%g\n",
	    m->m_ngroups, top, parts, count_inputs(m, 0), m->m_ngeneral,
	    m->m_nagencies, m->m_total);
	printf("%s\n",
	    cli_msg(lang, "Hợp lệ: không có lỗi.", "Valid: no errors."));
}

int
cmd_methodology(int argc, char **argv, enum diag_lang lang)
{
	const char *path = argc >= 3 ? argv[2] : NULL;
	struct method *m;
	int rc;

	if (argc < 2 || argc > 3 ||
	    (strcmp(argv[1], "check") != 0 && strcmp(argv[1], "show") != 0) ||
	    (strcmp(argv[1], "show") == 0 && path != NULL)) {
		fputs(cli_msg(lang,
			  "Cách dùng: dti methodology check [FILE] | "
			  "dti methodology show\n",
			  "Usage: dti methodology check [FILE] | "
			  "dti methodology show\n"),
		    stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "show") == 0) {
		fwrite(builtin_method_text, 1, builtin_method_len, stdout);
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
	}
	rc = cli_load_method(path, &m, lang);
	if (rc != EXIT_OK) {
		fprintf(stderr, "%s: %s\n", path ? path : builtin_method_name,
		    cli_msg(lang, "phương pháp không hợp lệ",
			"invalid methodology"));
		return rc;
	}
	summary(m, path ? path : builtin_method_name, lang);
	method_free(m);
	return EXIT_OK;
}
