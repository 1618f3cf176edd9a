/*
 * app_text.c: the limits of the free text a use case stores (reasons,
 * comments, notes, document numbers, labels), checked here so that the
 * command line and the server refuse the same text, before anything is
 * written.
 */
#include "app/app_int.h"

#include <string.h>

#include "util/utf8.h"

/* What each kind of text is called and how long it may be. */
static const struct {
	const char *tl_vi; /* its name in each language */
	const char *tl_en;
	int tl_max; /* characters */
	int tl_bytes; /* bytes where it is stored in a fixed buffer, or 0 */
} text_limits[] = {
	[APP_TEXT_REASON] = { "lý do", "reason", APP_MAX_TEXT, 0 },
	[APP_TEXT_COMMENT] = { "nhận xét", "comment", APP_MAX_TEXT, 0 },
	[APP_TEXT_NOTE] = { "ghi chú", "note", APP_MAX_TEXT, 0 },
	[APP_TEXT_DOC] = { "số văn bản", "document number", APP_MAX_DOC, 0 },
	[APP_TEXT_LABEL] = { "nhãn", "label", APP_MAX_LABEL,
	    APP_MAX_LABEL_BYTES },
};

int
app_text_check(enum app_text kind, const char *text, struct diag *d)
{
	size_t n, i, chars = 0;

	if (text == NULL)
		return 0;
	n = strlen(text);
	if (!utf8_valid(text, n)) {
		diag_add(d, DIAG_ERROR, "text.utf8", NULL, 0, 0,
		    "%s%.0s không phải văn bản UTF-8",
		    "the %.0s%s is not UTF-8 text", text_limits[kind].tl_vi,
		    text_limits[kind].tl_en);
		return -1;
	}
	for (i = 0; i < n; i++)
		chars += ((unsigned char)text[i] & 0xC0) != 0x80;
	if (chars > (size_t)text_limits[kind].tl_max) {
		diag_add(d, DIAG_ERROR, "text.too_long", NULL, 0, 0,
		    "%s%.0s quá dài: %zu ký tự, tối đa %d",
		    "the %.0s%s is too long: %zu characters, at most %d",
		    text_limits[kind].tl_vi, text_limits[kind].tl_en, chars,
		    text_limits[kind].tl_max);
		return -1;
	}
	if (text_limits[kind].tl_bytes > 0 &&
	    n > (size_t)text_limits[kind].tl_bytes) {
		diag_add(d, DIAG_ERROR, "text.too_long", NULL, 0, 0,
		    "%s%.0s quá dài: %zu byte, tối đa %d",
		    "the %.0s%s is too long: %zu bytes, at most %d",
		    text_limits[kind].tl_vi, text_limits[kind].tl_en, n,
		    text_limits[kind].tl_bytes);
		return -1;
	}
	return 0;
}
