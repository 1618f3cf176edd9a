/*
 * cmd_user.c: dti user: list, add, reset a password, disable and enable,
 * a new role or agency, the sessions of an account and their end. The
 * command line's operator acts as an admin (app_operator). Passwords are
 * never on the command line: a file (--password-file, "-": stdin), a
 * prompt without echo on a terminal, or generated.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "auth/auth.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "util/date.h"

static const char usage[] =
    "Cách dùng / usage: dti user list [--format csv]\n"
    "       dti user add --role admin|coordinator|officer|viewer [--agency A]\n"
    "                    [--password-file F | --generate] LOGIN\n"
    "       dti user reset LOGIN [--password-file F | --generate]\n"
    "       dti user disable LOGIN | dti user enable LOGIN\n"
    "       dti user set LOGIN --role R [--agency A]\n"
    "       dti user sessions LOGIN [--format csv]\n"
    "       dti user end-session LOGIN ID | --all\n"
    "  [--db dti.db] [--user NAME]; mật khẩu / password: --password-file F\n"
    "  (\"-\": stdin), hỏi khi chạy trên terminal / prompted on a terminal,\n"
    "  hoặc / or --generate (in ra một lần / shown once); dti user add:\n"
    "  cả biến / also DTI_PASSWORD\n";

/* strip_line(s): drop one trailing "\n" or "\r\n". */
static void
strip_line(char *s)
{
	size_t n = strlen(s);

	if (n > 0 && s[n - 1] == '\n')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '\r')
		s[--n] = '\0';
}

/* prompt(what, out, size): one line read from the terminal without echo. */
static int
prompt(const char *what, char *out, size_t size)
{
	struct termios old, quiet;
	int ok;

	fprintf(stderr, "%s: ", what);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	ok = fgets(out, (int)size, stdin) != NULL;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	if (!ok)
		return -1;
	strip_line(out);
	return 0;
}

/*
 * read_password(o, out, size): the password of --password-file, else of
 * the terminal (asked twice), else of stdin's first line; 1 when none is
 * to be read (--generate), -1 after printing why not.
 */
static int
read_password(const struct opts *o, char *out, size_t size)
{
	enum diag_lang lang = o->op_lang;
	char again[AUTH_MAX_PASSWORD + 2];
	char *text;
	size_t len;

	if (o->op_generate)
		return 1;
	if (o->op_password_file != NULL) {
		if (cli_read_file(o->op_password_file, AUTH_MAX_PASSWORD + 2,
			&text, &len, lang) < 0)
			return -1;
		if (memchr(text, '\0', len) != NULL)
			len = 0; /* refused below, as empty */
		snprintf(out, size, "%.*s", (int)len, text);
		free(text);
		strip_line(out);
	} else if (isatty(STDIN_FILENO)) {
		if (prompt(cli_msg(lang, "Mật khẩu mới", "New password"), out,
			size) != 0 ||
		    prompt(cli_msg(lang, "Nhập lại", "Again"), again,
			sizeof(again)) != 0)
			return -1;
		if (strcmp(out, again) != 0) {
			fprintf(stderr, "dti user: %s\n",
			    cli_msg(lang, "hai lần nhập không khớp",
				"the two entries differ"));
			return -1;
		}
	} else if (fgets(out, (int)size, stdin) != NULL) {
		strip_line(out);
	} else {
		out[0] = '\0';
	}
	if (out[0] == '\0') {
		fprintf(stderr, "dti user: %s\n",
		    cli_msg(lang,
			"không có mật khẩu (--password-file F, hoặc --generate)",
			"no password given (--password-file F, or --generate)"));
		return -1;
	}
	return 0;
}

/* login_arg(o): the one positional LOGIN, or NULL after the usage. */
static const char *
login_arg(const struct opts *o, int n)
{
	if (o->op_nargs != n) {
		fputs(usage, stderr);
		return NULL;
	}
	return o->op_args[0];
}

/* role_arg(o, out): --role parsed; -1 after saying why. */
static int
role_arg(const struct opts *o, enum role *out)
{
	if (o->op_role == NULL) {
		fputs(usage, stderr);
		return -1;
	}
	if (role_parse(o->op_role, out) != 0) {
		fprintf(stderr, "dti user: %s '%s'\n",
		    cli_msg(o->op_lang,
			"vai trò không hợp lệ (admin, coordinator, officer, viewer)",
			"unknown role (admin, coordinator, officer, viewer)"),
		    o->op_role);
		return -1;
	}
	return 0;
}

/* finish(s, d, rc, lang): close, print the errors, give the exit code. */
static int
finish(struct store *s, struct diag *d, int rc, enum diag_lang lang)
{
	app_close(s);
	if (rc != 0) {
		cli_print_prefixed("dti user", d, lang);
		diag_free(d);
		return rc == STORE_EBUSY ? EXIT_IO : EXIT_INVALID;
	}
	diag_free(d);
	return EXIT_OK;
}

static int
user_row(void *ctx, const struct st_account *a)
{
	const struct opts *o = ctx;
	const char *state = a->sac_disabled
	    ? cli_msg(o->op_lang, "đã khóa", "disabled")
	    : a->sac_must_change
	    ? cli_msg(o->op_lang, "phải đổi mật khẩu", "must change password")
	    : cli_msg(o->op_lang, "hoạt động", "active");

	if (strcmp(o->op_format, "csv") == 0)
		printf("%s,%s,%s,%s,%d\n", a->sac_login, role_name(a->sac_role),
		    a->sac_agency, a->sac_disabled ? "disabled" : "active",
		    a->sac_must_change);
	else
		printf("%-20s %-12s %-20s %s\n", a->sac_login,
		    role_name(a->sac_role),
		    a->sac_agency[0] ? a->sac_agency : "-", state);
	return 0;
}

/* A column's heading and width in characters. */
struct head {
	const char *h_vi, *h_en;
	int h_width; /* 0: the last column */
};

/* print_head(lang, h, n): the headings, padded by characters (UTF-8). */
static void
print_head(enum diag_lang lang, const struct head *h, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		const char *t = cli_msg(lang, h[i].h_vi, h[i].h_en);

		printf("%s%*s", t, h[i].h_width ? cli_pad(t, h[i].h_width) : 0,
		    "");
	}
	putchar('\n');
}

static int
user_list(struct store *s, const struct opts *o)
{
	static const struct head heads[] = {
		{ "Tài khoản", "Login", 21 },
		{ "Vai trò", "Role", 13 },
		{ "Cơ quan", "Agency", 21 },
		{ "Trạng thái", "State", 0 },
	};
	struct diag d;

	if (o->op_nargs != 0) {
		app_close(s);
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(o->op_format, "csv") == 0)
		printf("login,role,agency,state,must_change\n");
	else
		print_head(o->op_lang, heads, 4);
	diag_init(&d);
	return finish(s, &d, app_users(s, user_row, (void *)o, &d), o->op_lang);
}

static int
user_add(struct store *s, const struct opts *o, const struct app_actor *a)
{
	enum diag_lang lang = o->op_lang;
	const char *login = login_arg(o, 1), *given = getenv("DTI_PASSWORD");
	char pw[AUTH_MAX_PASSWORD + 2], shown[300];
	struct diag d;
	enum role r;
	int rc;

	if (login == NULL || role_arg(o, &r) != 0) {
		app_close(s);
		return EXIT_USAGE;
	}
	if (r == ROLE_OFFICER && o->op_agency == NULL) {
		app_close(s);
		fprintf(stderr, "dti user: %s\n",
		    cli_msg(lang, "cán bộ cần --agency",
			"an officer needs --agency"));
		return EXIT_USAGE;
	}
	if (o->op_password_file != NULL) {
		if (read_password(o, pw, sizeof(pw)) != 0) {
			app_close(s);
			return EXIT_INVALID;
		}
		given = pw;
	} else if (o->op_generate) {
		given = NULL;
	}
	diag_init(&d);
	if (given != NULL && auth_password_check(given, &d) < 0)
		return finish(s, &d, -1, lang);
	rc = app_user_add(
	    s, a, login, r, o->op_agency, given, shown, sizeof(shown), &d);
	if ((rc = finish(s, &d, rc, lang)) != EXIT_OK)
		return rc;
	if (given == NULL) {
		printf("%s %s (%s%s%s): %s\n",
		    cli_msg(lang, "Tài khoản", "Account"), login, o->op_role,
		    o->op_agency ? ", " : "", o->op_agency ? o->op_agency : "",
		    shown);
		printf("%s\n",
		    cli_msg(lang, "Mật khẩu chỉ in một lần: hãy ghi lại.",
			"The password is shown only once: note it."));
	} else {
		printf("%s %s (%s)\n", cli_msg(lang, "Tài khoản", "Account"),
		    login, o->op_role);
	}
	return EXIT_OK;
}

static int
user_reset(struct store *s, const struct opts *o, const struct app_actor *a)
{
	enum diag_lang lang = o->op_lang;
	const char *login = login_arg(o, 1);
	char pw[AUTH_MAX_PASSWORD + 2], shown[64];
	struct diag d;
	int rc, none;

	if (login == NULL || (o->op_generate && o->op_password_file)) {
		if (login != NULL)
			fputs(usage, stderr);
		app_close(s);
		return EXIT_USAGE;
	}
	if ((none = read_password(o, pw, sizeof(pw))) < 0) {
		app_close(s);
		return EXIT_INVALID;
	}
	diag_init(&d);
	rc = app_user_reset(
	    s, a, login, none ? NULL : pw, shown, sizeof(shown), &d);
	if ((rc = finish(s, &d, rc, lang)) != EXIT_OK)
		return rc;
	printf("%s %s: %s\n", cli_msg(lang, "Đã đặt lại mật khẩu", "Reset"),
	    login,
	    cli_msg(lang,
		"phải đổi mật khẩu khi đăng nhập lần sau; các phiên đã kết thúc",
		"the password must be changed at the next login; its sessions ended"));
	if (none)
		printf("%s: %s\n%s\n",
		    cli_msg(lang, "Mật khẩu tạm thời", "Temporary password"),
		    shown,
		    cli_msg(lang, "Mật khẩu chỉ in một lần: hãy ghi lại.",
			"The password is shown only once: note it."));
	return EXIT_OK;
}

static int
user_disable(struct store *s, const struct opts *o, const struct app_actor *a,
    int disabled)
{
	enum diag_lang lang = o->op_lang;
	const char *login = login_arg(o, 1);
	struct diag d;
	int rc;

	if (login == NULL) {
		app_close(s);
		return EXIT_USAGE;
	}
	diag_init(&d);
	rc = app_user_set_disabled(s, a, login, disabled, &d);
	if ((rc = finish(s, &d, rc, lang)) != EXIT_OK)
		return rc;
	printf("%s %s\n",
	    disabled
		? cli_msg(lang, "Đã khóa tài khoản (các phiên đã kết thúc)",
		      "Disabled account (its sessions ended)")
		: cli_msg(lang, "Đã mở lại tài khoản", "Enabled account"),
	    login);
	return EXIT_OK;
}

static int
user_set(struct store *s, const struct opts *o, const struct app_actor *a)
{
	enum diag_lang lang = o->op_lang;
	const char *login = login_arg(o, 1);
	const char *agency = o->op_agency;
	struct st_account acc;
	struct diag d;
	enum role r;
	int rc;

	if (login == NULL || role_arg(o, &r) != 0) {
		app_close(s);
		return EXIT_USAGE;
	}
	diag_init(&d);
	if (app_user_get(s, a, login, &acc, &d) != 0)
		return finish(s, &d, -1, lang);
	/* an officer or a coordinator keeps its agency unless told */
	if (agency == NULL && acc.sac_agency[0] != '\0' &&
	    (r == ROLE_OFFICER || r == ROLE_COORDINATOR))
		agency = acc.sac_agency;
	rc = app_user_set_role(s, a, login, r, agency, &d);
	if (rc == 0)
		printf("%s %s: %s%s%s (%s)\n",
		    cli_msg(lang, "Đã đổi vai trò", "Changed role"), login,
		    role_name(r), agency ? ", " : "", agency ? agency : "",
		    cli_msg(
			lang, "các phiên đã kết thúc", "its sessions ended"));
	return finish(s, &d, rc, lang);
}

/* time_vi(t, out, size): Unix time ${t} as "30/11/2026 18:55" (UTC+7). */
static void
time_vi(long t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char iso[32];

	if (t == 0 || gmtime_r(&tt, &tm) == NULL) {
		snprintf(out, size, "-");
		return;
	}
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	date_time_vi(iso, out, size);
}

static int
session_row(void *ctx, const struct st_session_info *si)
{
	const struct opts *o = ctx;
	char c[32], l[32], e[32], x[32];
	const char *st;
	long now = (long)time(NULL);
	int live = !si->sse_ended && now < si->sse_expires &&
	    now - si->sse_last_seen < AUTH_IDLE_TTL;

	time_vi(si->sse_created, c, sizeof(c));
	time_vi(si->sse_last_seen, l, sizeof(l));
	time_vi(si->sse_expires, e, sizeof(e));
	time_vi(si->sse_ended_at, x, sizeof(x));
	if (strcmp(o->op_format, "csv") == 0) {
		printf("%s,%ld,%ld,%ld,%d,%ld,%d,%s\n", si->sse_id,
		    si->sse_created, si->sse_last_seen, si->sse_expires,
		    si->sse_ended, si->sse_ended_at, live, si->sse_address);
		return 0;
	}
	st = live           ? cli_msg(o->op_lang, "đang dùng", "in use")
	    : si->sse_ended ? x
			    : cli_msg(o->op_lang, "hết hạn", "expired");
	printf("%-16s  %-16s  %-16s  %-16s  %s%*s%s\n", si->sse_id, c, l, e, st,
	    cli_pad(st, 18), "", si->sse_address[0] ? si->sse_address : "-");
	return 0;
}

static int
user_sessions(struct store *s, const struct opts *o, const struct app_actor *a)
{
	enum diag_lang lang = o->op_lang;
	static const struct head heads[] = {
		{ "Phiên", "Session", 18 },
		{ "Bắt đầu", "Created", 18 },
		{ "Dùng lần cuối", "Last seen", 18 },
		{ "Hết hạn", "Expires", 18 },
		{ "Kết thúc", "Ended", 18 },
		{ "Địa chỉ", "Address", 0 },
	};
	const char *login = login_arg(o, 1);
	struct diag d;

	if (login == NULL) {
		app_close(s);
		return EXIT_USAGE;
	}
	if (strcmp(o->op_format, "csv") == 0)
		printf("id,created,last_seen,expires,ended,ended_at,live,"
		       "address\n");
	else
		print_head(lang, heads, 6);
	diag_init(&d);
	return finish(
	    s, &d, app_sessions(s, a, login, session_row, (void *)o, &d), lang);
}

static int
user_end_session(
    struct store *s, const struct opts *o, const struct app_actor *a)
{
	enum diag_lang lang = o->op_lang;
	struct diag d;
	long n = 1;
	int rc;

	if (o->op_nargs != (o->op_all ? 1 : 2)) {
		app_close(s);
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	diag_init(&d);
	rc = o->op_all
	    ? app_session_end_all(s, a, o->op_args[0], &n, &d)
	    : app_session_end_id(s, a, o->op_args[0], o->op_args[1], &d);
	if ((rc = finish(s, &d, rc, lang)) != EXIT_OK)
		return rc;
	printf("%s %s: %ld\n",
	    cli_msg(lang, "Số phiên đã kết thúc của", "Sessions ended of"),
	    o->op_args[0], n);
	return EXIT_OK;
}

int
cmd_user(int argc, char **argv, enum diag_lang lang)
{
	static const struct {
		const char *name, *opts;
	} subs[] = {
		{ "list", "db user format" },
		{ "add", "db user role agency password-file generate" },
		{ "reset", "db user password-file generate" },
		{ "disable", "db user" },
		{ "enable", "db user" },
		{ "set", "db user role agency" },
		{ "sessions", "db user format" },
		{ "end-session", "db user all" },
	};
	struct app_actor a;
	struct store *s;
	struct opts o;
	size_t i;
	int rc;

	for (i = 0; argc >= 2 && i < sizeof(subs) / sizeof(subs[0]); i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			break;
	if (argc < 2 || i == sizeof(subs) / sizeof(subs[0])) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	rc = opts_parse(&o, argc - 1, argv + 1, subs[i].opts, usage, lang);
	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	app_operator(&a, o.op_user);
	switch (i) {
	case 0: return user_list(s, &o);
	case 1: return user_add(s, &o, &a);
	case 2: return user_reset(s, &o, &a);
	case 3: return user_disable(s, &o, &a, 1);
	case 4: return user_disable(s, &o, &a, 0);
	case 5: return user_set(s, &o, &a);
	case 6: return user_sessions(s, &o, &a);
	default: return user_end_session(s, &o, &a);
	}
}
