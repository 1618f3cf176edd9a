/* cmd_init.c: dti init, dti backup, dti methodology load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "cli/opts.h"

struct store *
cli_open_db(const struct opts *o)
{
	struct store *s;
	struct diag d;
	char prefix[4096];

	diag_init(&d);
	if (app_open(&s, o->op_db, &d) != 0) {
		snprintf(prefix, sizeof(prefix), "dti: %s", o->op_db);
		cli_print_prefixed(prefix, &d, o->op_lang);
		diag_free(&d);
		return NULL;
	}
	diag_free(&d);
	return s;
}

int
cli_fail(struct diag *d, int rc, enum diag_lang lang)
{
	diag_print(stderr, d, lang);
	diag_free(d);
	return rc == STORE_EBUSY ? EXIT_IO : EXIT_INVALID;
}

/* What dti init made, on stdout. */
static void
init_print(const struct opts *o, const struct app_init_out *out)
{
	enum diag_lang lang = o->op_lang;
	const struct st_counts *c = &out->ai_counts;
	int i;

	printf("%s %s: %s %s (%s), %d %s, %d %s, %d %s, %d %s\n",
	    cli_msg(lang, "Đã tạo", "Created"), o->op_db,
	    cli_msg(lang, "phương pháp", "methodology"), out->ai_method,
	    out->ai_version, c->sc_agencies,
	    cli_msg(lang, "cơ quan", "agencies"), c->sc_units,
	    cli_msg(lang, "đơn vị", "units"), c->sc_tasks,
	    cli_msg(lang, "nhiệm vụ", "tasks"), c->sc_targets,
	    cli_msg(lang, "chỉ tiêu", "targets"));
	if (out->ai_ndemo == 0)
		return;
	printf("%s %s: %s\n", cli_msg(lang, "Kỳ", "Period"), APP_DEMO_PERIOD,
	    cli_msg(lang,
		"đã nạp SỐ LIỆU MINH HỌA (không phải số liệu thật), đã phê "
		"duyệt; kỳ 2022 thật vẫn mở được.",
		"ILLUSTRATIVE data loaded (not real figures), approved; the "
		"real 2022 can still be opened."));
	printf("%s\n",
	    cli_msg(lang, "Tài khoản trình diễn (mật khẩu chỉ in một lần):",
		"Demo accounts (passwords are shown only once):"));
	for (i = 0; i < out->ai_ndemo; i++) {
		const struct app_demo_account *da = &out->ai_demo[i];

		printf("  %-12s %-12s %-16s %s\n", da->da_login,
		    role_name(da->da_role), da->da_agency ? da->da_agency : "-",
		    da->da_password);
	}
}

int
cmd_init(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti init [--db dti.db] [--demo] [--user NAME]\n";
	struct app_init_out out;
	struct app_actor a;
	struct opts o;
	struct diag d;
	int rc;

	if ((rc = opts_parse(&o, argc, argv, "db demo user", usage, lang)) != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	app_operator(&a, o.op_user);
	diag_init(&d);
	if (app_init(o.op_db, &a, o.op_demo, &out, &d) != 0) {
		if (d.d_n > 0 &&
		    strcmp(d.d_items[0].di_code, "store.open") == 0) {
			cli_print_prefixed("dti init", &d, lang);
			diag_free(&d);
			return EXIT_INVALID;
		}
		return cli_fail(&d, -1, lang);
	}
	init_print(&o, &out);
	diag_print(stderr, &d, lang);
	diag_free(&d);
	return EXIT_OK;
}

int
cmd_backup(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti backup [--db dti.db] FILE\n";
	struct store *s;
	struct opts o;
	struct diag d;
	int rc;

	if ((rc = opts_parse(&o, argc, argv, "db", usage, lang)) != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 1) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	diag_init(&d);
	if (app_backup(s, o.op_args[0], &d) != 0) {
		cli_print_prefixed("dti backup", &d, lang);
		diag_free(&d);
		app_close(s);
		return EXIT_IO;
	}
	printf("%s %s\n", cli_msg(lang, "Đã sao lưu vào", "Backed up to"),
	    o.op_args[0]);
	diag_free(&d);
	app_close(s);
	return EXIT_OK;
}

/* dti methodology load FILE: a new methodology version for new periods. */
int
cmd_methodology_load(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti methodology load [--db dti.db] FILE\n";
	struct app_actor a;
	struct store *s;
	struct method *m;
	struct opts o;
	struct diag d;
	char *text;
	size_t len;
	long id;
	int rc, existed = 0;

	if ((rc = opts_parse(&o, argc, argv, "db user", usage, lang)) != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 1) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (cli_read_file(o.op_args[0], METHOD_MAX_BYTES, &text, &len, lang) <
	    0)
		return EXIT_IO;
	diag_init(&d);
	if (method_load(&m, text, len, o.op_args[0], &d) != 0) {
		free(text);
		return cli_fail(&d, -1, lang);
	}
	if ((s = cli_open_db(&o)) == NULL) {
		free(text);
		method_free(m);
		diag_free(&d);
		return EXIT_INVALID;
	}
	app_operator(&a, o.op_user);
	/* the same use case as POST /methodologies */
	rc = app_method_load(s, &a, text, len, o.op_args[0], &id, &existed, &d);
	if (rc == 0)
		printf("%s %s %s (#%ld)\n",
		    existed ? cli_msg(lang, "Phương pháp đã có",
				  "Methodology already loaded")
			    : cli_msg(lang, "Đã nạp phương pháp",
				  "Loaded methodology"),
		    m->m_id, m->m_version ? m->m_version : "", id);
	free(text);
	method_free(m);
	app_close(s);
	if (rc != 0)
		return cli_fail(&d, rc, lang);
	diag_free(&d);
	return EXIT_OK;
}
