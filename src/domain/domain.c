/*
 * domain.c: names, parsers and labels of the domain's states. One table
 * per enum, indexed by the enum, so a name and its label cannot drift
 * apart; the static asserts keep each table as long as its enum.
 */
#include "domain/domain.h"

#include <string.h>

struct domain_word {
	const char *dw_name; /* stored and printed */
	const char *dw_vi;
	const char *dw_en;
};

static const struct domain_word value_words[] = {
	[VALUE_DRAFT] = { "draft", "nháp", "draft" },
	[VALUE_SUBMITTED] = { "submitted", "đã gửi", "submitted" },
	[VALUE_APPROVED] = { "approved", "đã duyệt", "approved" },
	[VALUE_RETURNED] = { "returned", "bị trả lại", "returned" },
};
static const struct domain_word review_words[] = {
	[REVIEW_SUBMIT] = { "submit", "gửi", "submit" },
	[REVIEW_APPROVE] = { "approve", "duyệt", "approve" },
	[REVIEW_RETURN] = { "return", "trả lại", "return" },
	[REVIEW_REOPEN] = { "reopen", "mở lại", "reopen" },
};
static const struct domain_word period_words[] = {
	[PERIOD_OPEN] = { "open", "mở", "open" },
	[PERIOD_CLOSED] = { "closed", "đã đóng", "closed" },
};
static const struct domain_word task_words[] = {
	[TASK_NOT_STARTED] = { "not_started", "chưa thực hiện", "not started" },
	[TASK_IN_PROGRESS] = { "in_progress", "đang thực hiện", "in progress" },
	[TASK_DONE] = { "done", "hoàn thành", "done" },
};
static const struct domain_word role_words[] = {
	[ROLE_ADMIN] = { "admin", "quản trị", "administrator" },
	[ROLE_COORDINATOR] = { "coordinator", "điều phối (Sở TTTT)",
	    "coordinator" },
	[ROLE_OFFICER] = { "officer", "cán bộ cơ quan", "agency officer" },
	[ROLE_VIEWER] = { "viewer", "lãnh đạo (chỉ xem)", "viewer" },
};
static const struct domain_word target_words[] = {
	[TARGET_MET] = { "met", "đạt", "met" },
	[TARGET_NOT_MET] = { "not_met", "chưa đạt", "not met" },
	[TARGET_NO_DATA] = { "no_data", "chưa có số liệu", "no data" },
	[TARGET_NOT_MEASURED] = { "not_measured", "chưa đo được từ bộ chỉ số",
	    "not measured by the index" },
	[TARGET_NO_TARGET] = { "no_target", "không có số mục tiêu",
	    "no numeric target" },
};

#define NWORDS(a) (sizeof(a) / sizeof((a)[0]))
_Static_assert(NWORDS(value_words) == VALUE_NSTATUS, "value words");
_Static_assert(NWORDS(review_words) == REVIEW_NEVENT, "review words");
_Static_assert(NWORDS(period_words) == PERIOD_NSTATUS, "period words");
_Static_assert(NWORDS(task_words) == TASK_NSTATUS, "task words");
_Static_assert(NWORDS(role_words) == ROLE_N, "role words");
_Static_assert(NWORDS(target_words) == TARGET_NSTATE, "target words");

/* word_parse(w, n, name): the index of ${name} in ${w}, or -1. */
static int
word_parse(const struct domain_word *w, int n, const char *name)
{
	int i;

	if (name == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(w[i].dw_name, name) == 0)
			return i;
	return -1;
}

/* word_label(w, lang): the word for people in ${lang}. */
static const char *
word_label(const struct domain_word *w, enum diag_lang lang)
{
	return lang == LANG_EN ? w->dw_en : w->dw_vi;
}

/* One _name, _parse and _label per enum, all over its table. */
#define DOMAIN_WORDS(prefix, type, table, n) \
	const char *prefix##_name(type v) \
	{ \
		return (unsigned)v < (unsigned)(n) ? table[v].dw_name : "?"; \
	} \
	int prefix##_parse(const char *name, type *out) \
	{ \
		int i = word_parse(table, (n), name); \
		if (i < 0) \
			return -1; \
		*out = (type)i; \
		return 0; \
	} \
	const char *prefix##_label(type v, enum diag_lang lang) \
	{ \
		return (unsigned)v < (unsigned)(n) \
		    ? word_label(&table[v], lang) \
		    : "?"; \
	}

DOMAIN_WORDS(value_status, enum value_status, value_words, VALUE_NSTATUS)
DOMAIN_WORDS(review_event, enum review_event, review_words, REVIEW_NEVENT)
DOMAIN_WORDS(period_status, enum period_status, period_words, PERIOD_NSTATUS)
DOMAIN_WORDS(task_status, enum task_status, task_words, TASK_NSTATUS)
DOMAIN_WORDS(role, enum role, role_words, ROLE_N)
DOMAIN_WORDS(target_state, enum target_state, target_words, TARGET_NSTATE)

int
value_status_may(enum value_status from, enum value_status to)
{
	switch (from) {
	case VALUE_DRAFT: return to == VALUE_SUBMITTED;
	case VALUE_SUBMITTED:
		return to == VALUE_APPROVED || to == VALUE_RETURNED;
	case VALUE_RETURNED: return to == VALUE_SUBMITTED;
	case VALUE_APPROVED: return to == VALUE_DRAFT;
	}
	return 0;
}

int
value_status_editable(enum value_status st)
{
	switch (st) {
	case VALUE_DRAFT:
	case VALUE_RETURNED: return 1;
	case VALUE_SUBMITTED:
	case VALUE_APPROVED: return 0;
	}
	return 0;
}
