/*
 * diag.h: error and warning records. Every message exists in Vietnamese
 * (the default) and English, with a stable code and the place it names
 * (file, line, column; 0 when not known).
 */
#ifndef DTI_DIAG_H
#define DTI_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum diag_sev { DIAG_ERROR, DIAG_WARNING };
enum diag_lang { LANG_VI, LANG_EN };

struct diag_item {
	enum diag_sev di_sev;
	const char *di_code; /* stable identifier, e.g. "csv.unknown_input" */
	char *di_file; /* may be NULL */
	long di_line; /* 1-based, 0 when unknown */
	long di_col; /* 1-based, 0 when unknown */
	char *di_vi; /* the message in Vietnamese */
	char *di_en; /* the message in English */
	size_t di_seq; /* order of insertion */
};

struct diag {
	struct diag_item *d_items;
	size_t d_n;
	size_t d_cap;
	size_t d_nerr; /* items with DIAG_ERROR */
};

void diag_init(struct diag *);
void diag_free(struct diag *);
/*
 * diag_add(d, sev, code, file, line, col, vi, en, ...): record one item; ${vi}
 * and ${en} are printf formats taking the same arguments in the same order.
 * Where the languages need different words, pass both and skip the other
 * one with "%.0s" ("%s%.0s" in vi, "%.0s%s" in en).
 */
void diag_add(struct diag *, enum diag_sev, const char *, const char *, long,
    long, const char *, const char *, ...)
    __attribute__((format(printf, 8, 9)));
/* diag_vadd(d, ..., vi, en, ap): diag_add with the arguments in ${ap}. */
void diag_vadd(struct diag *, enum diag_sev, const char *, const char *, long,
    long, const char *, const char *, va_list)
    __attribute__((format(printf, 8, 0)));
/*
 * diag_vadd(d, sev, code, file, line, col, vi, en, ap): diag_add() with
 * the arguments of the formats in ${ap} (used, not ended).
 */
void diag_vadd(struct diag *, enum diag_sev, const char *, const char *, long,
    long, const char *, const char *, va_list)
    __attribute__((format(printf, 8, 0)));
/*
 * diag_put(d, sev, code, file, line, col, vi, en): record one item whose
 * texts are fixed (not formats): a '%' in them is printed as it is.
 */
void diag_put(struct diag *, enum diag_sev, const char *, const char *, long,
    long, const char *, const char *);
/*
 * diag_wrap(d, why, code, file, line, col, vi, en, ...): add to ${d} one
 * item whose text is the formatted ${vi} (${en}), ": " and the text of
 * the first item of ${why}: a reason given by a lower layer, placed in
 * the caller's words. Its severity is that of the reason.
 */
void diag_wrap(struct diag *, const struct diag *, const char *, const char *,
    long, long, const char *, const char *, ...)
    __attribute__((format(printf, 8, 9)));
/* diag_sort(d): order items by file, line, column (stable). */
void diag_sort(struct diag *);
/* diag_msg(it, lang): the message in ${lang}. */
const char *diag_msg(const struct diag_item *, enum diag_lang);
/*
 * diag_format(it, lang): "file:line:col: lỗi: message" as a malloc'd string.
 */
char *diag_format(const struct diag_item *, enum diag_lang);
/*
 * diag_print(f, d, lang): every item of ${d}, one diag_format() line each.
 * The one place that prints a diag; front ends add only their prefix.
 */
void diag_print(FILE *, const struct diag *, enum diag_lang);
/* diag_lang_from_env(): LANG_EN when DTI_LANG (or else LANG) starts with "en". */
enum diag_lang diag_lang_from_env(void);

#endif
