/* numfmt.c: number formatting and strict parsing. */
#include "util/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
numfmt_vi(struct buf *b, double v, int maxdec)
{
	char tmp[64], *p;
	int n;

	if (maxdec < 0)
		maxdec = 0;
	if (maxdec > 12)
		maxdec = 12;
	if (!isfinite(v)) {
		buf_puts(b, "?");
		return;
	}
	n = snprintf(tmp, sizeof(tmp), "%.*f", maxdec, v);
	if (n <= 0 || (size_t)n >= sizeof(tmp)) {
		buf_puts(b, "?");
		return;
	}
	p = strchr(tmp, '.');
	if (p != NULL) {
		char *end = tmp + n - 1;

		while (end > p && *end == '0')
			*end-- = '\0';
		if (end == p)
			*end = '\0';
		else
			*p = ',';
	}
	if (strcmp(tmp, "-0") == 0)
		strcpy(tmp, "0");
	buf_puts(b, tmp);
}

void
numfmt_vi_pct(struct buf *b, double ratio)
{
	numfmt_vi(b, ratio * 100.0, 2);
	buf_puts(b, " %");
}

size_t
numfmt_fixed(char *dst, size_t size, double v, int dec)
{
	static const double pow10[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7,
		1e8, 1e9 };
	char tmp[48];
	unsigned long long ip, fp;
	double scaled;
	size_t n = 0, i;
	int neg = 0, k;

	if (dec < 0 || dec > 9 || !isfinite(v) ||
	    fabs(v) >= 9e18 / pow10[dec]) {
		/* too large for fixed places: the shortest exact form */
		return numfmt_shortest(dst, size, v);
	}
	if (v < 0) {
		neg = 1;
		v = -v;
	}
	scaled = v * pow10[dec] + 0.5;
	ip = (unsigned long long)(scaled / pow10[dec]);
	fp = (unsigned long long)scaled - ip * (unsigned long long)pow10[dec];
	if (ip == 0 && fp == 0)
		neg = 0;
	/* fractional digits, right to left */
	for (k = 0; k < dec; k++) {
		tmp[sizeof(tmp) - 1 - (size_t)k] = (char)('0' + fp % 10);
		fp /= 10;
	}
	i = sizeof(tmp) - (size_t)dec;
	if (dec > 0)
		tmp[--i] = '.';
	do {
		tmp[--i] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip != 0);
	if (neg)
		tmp[--i] = '-';
	n = sizeof(tmp) - i;
	if (n >= size)
		return 0;
	memcpy(dst, tmp + i, n);
	dst[n] = '\0';
	return n;
}

int
numfmt_parse(const char *s, size_t len, double *out)
{
	char tmp[64], *end;
	size_t i = 0;
	int digits = 0;

	if (len == 0 || len >= sizeof(tmp))
		return -1;
	if (s[i] == '-')
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9') {
		i++;
		digits++;
	}
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			i++;
			digits++;
		}
	}
	if (digits == 0)
		return -1;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		int ed = 0;

		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			i++;
			ed++;
		}
		if (ed == 0)
			return -1;
	}
	if (i != len)
		return -1;
	/*
	 * Up to 15 digits and no exponent: the digits are an exact integer
	 * and 10^k is exact, so one division gives the correctly rounded
	 * value, the same as strtod, several times faster.
	 */
	if (digits <= 15 && memchr(s, 'e', len) == NULL &&
	    memchr(s, 'E', len) == NULL) {
		static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
			1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
		unsigned long long mant = 0;
		int frac = 0, seen_dot = 0, neg = s[0] == '-';
		size_t j;

		for (j = (size_t)neg; j < len; j++) {
			if (s[j] == '.') {
				seen_dot = 1;
				continue;
			}
			mant = mant * 10 + (unsigned)(s[j] - '0');
			frac += seen_dot;
		}
		*out = (double)mant / p10[frac];
		if (neg)
			*out = -*out;
		return 0;
	}
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	*out = strtod(tmp, &end);
	if (end != tmp + len || !isfinite(*out))
		return -1;
	return 0;
}

size_t
numfmt_shortest(char *dst, size_t size, double v)
{
	char tmp[400];
	int p, e, n = 0;

	if (size == 0)
		return 0;
	for (p = 1; p <= 17; p++) {
		n = snprintf(tmp, sizeof(tmp), "%.*e", p - 1, v);
		if (!isfinite(v) || strtod(tmp, NULL) == v)
			break;
	}
	/* p significant digits; plain decimals unless very large or small */
	e = isfinite(v) && v != 0.0 ? atoi(strchr(tmp, 'e') + 1) : 0;
	if (e >= -6 && e < 21)
		n = snprintf(
		    tmp, sizeof(tmp), "%.*f", p - 1 - e > 0 ? p - 1 - e : 0, v);
	else
		n = snprintf(tmp, sizeof(tmp), "%.*g", p, v);
	if (n < 0)
		n = 0;
	if ((size_t)n >= size)
		n = (int)size - 1;
	memcpy(dst, tmp, (size_t)n);
	dst[n] = '\0';
	return (size_t)n;
}

int
numfmt_style_parse(const char *s, enum numfmt_style *out)
{
	if (strcmp(s, "machine") == 0)
		*out = NUMFMT_MACHINE;
	else if (strcmp(s, "vi") == 0)
		*out = NUMFMT_VI;
	else
		return -1;
	return 0;
}

/*
 * vi_shape(s, len): 1 when ${s} is a number in the Vietnamese format: an
 * optional minus, digits plain or in groups "d{1,3}(.ddd)+" (the first
 * group not starting with 0), an optional ',' with at least one decimal.
 */
static int
vi_shape(const char *s, size_t len)
{
	size_t i = 0, g;
	int groups = 0;

	if (i < len && s[i] == '-')
		i++;
	g = i;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == g)
		return 0;
	while (i < len && s[i] == '.') {
		size_t k;

		if (groups == 0 && (i - g > 3 || s[g] == '0'))
			return 0;
		for (k = 1; k <= 3; k++) {
			if (i + k >= len || s[i + k] < '0' || s[i + k] > '9')
				return 0;
		}
		i += 4;
		groups++;
	}
	if (i < len && s[i] == ',') {
		g = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == g)
			return 0;
	}
	return i == len;
}

/*
 * machine_ambiguous(s, len): 1 for "d{1,3}.ddd" (an optional minus, the
 * first digit not 0): a decimal in the machine format, a whole number in
 * thousands in the Vietnamese one.
 */
static int
machine_ambiguous(const char *s, size_t len)
{
	size_t i = 0, k;

	if (i < len && s[i] == '-')
		i++;
	if (len - i < 5 || len - i > 7 || s[i] == '0')
		return 0;
	for (k = i; k < len; k++) {
		if (k == len - 4) {
			if (s[k] != '.')
				return 0;
		} else if (s[k] < '0' || s[k] > '9') {
			return 0;
		}
	}
	return 1;
}

void
numfmt_machine_text(
    struct buf *b, const char *s, size_t len, enum numfmt_style st)
{
	size_t i, start = b->b_len;
	int frac = 0;

	if (st != NUMFMT_VI) {
		buf_append(b, s, len);
		return;
	}
	for (i = 0; i < len; i++) {
		if (s[i] == '.')
			continue;
		if (s[i] == ',') {
			frac = 1;
			buf_putc(b, '.');
		} else {
			buf_putc(b, s[i]);
		}
	}
	if (!frac)
		return;
	while (b->b_len > start && b->b_data[b->b_len - 1] == '0')
		b->b_len--;
	if (b->b_len > start && b->b_data[b->b_len - 1] == '.')
		b->b_len--;
	b->b_data[b->b_len] = '\0';
}

/* vi_read(s, len, out): numfmt_read() in NUMFMT_VI without a reason. */
static int
vi_read(const char *s, size_t len, double *out)
{
	struct buf t;
	int rc;

	if (!vi_shape(s, len))
		return -1;
	buf_init(&t);
	numfmt_machine_text(&t, s, len, NUMFMT_VI);
	rc = t.b_len == 0 ? -1 : numfmt_parse(t.b_data, t.b_len, out);
	buf_free(&t);
	return rc;
}

/* shown(v, comma, tmp): ${v} shortest, with a decimal comma if ${comma}. */
static const char *
shown(double v, int comma, char *tmp, size_t size)
{
	char *p;

	numfmt_shortest(tmp, size, v);
	if (comma && (p = strchr(tmp, '.')) != NULL)
		*p = ',';
	return tmp;
}

int
numfmt_read(const char *s, size_t len, enum numfmt_style st, double *out,
    struct diag *why)
{
	char vi[40], en[40], o[40], sm[40];
	double other;

	*out = 0.0;
	if (st == NUMFMT_VI) {
		if (vi_read(s, len, out) == 0)
			return 0;
		if (numfmt_parse(s, len, &other) == 0) {
			diag_add(why, DIAG_ERROR, "value.number_vi", NULL, 0, 0,
			    "không phải số theo định dạng Việt Nam (nhóm ba chữ số cách nhau bằng dấu chấm, phần thập phân sau dấu phẩy); theo định dạng máy (machine) là %s%.0s",
			    "not a number in the Vietnamese format (groups of three digits separated by '.', decimals after ','); in the machine format it reads %.0s%s",
			    shown(other, 1, vi, sizeof(vi)),
			    shown(other, 0, en, sizeof(en)));
			return -1;
		}
		diag_put(why, DIAG_ERROR, "value.number", NULL, 0, 0,
		    "không phải số (định dạng Việt Nam: 1.234.567,5)",
		    "not a number (Vietnamese format: 1.234.567,5)");
		return -1;
	}
	if (numfmt_parse(s, len, out) == 0) {
		if (st == NUMFMT_STORED || !machine_ambiguous(s, len) ||
		    vi_read(s, len, &other) < 0)
			return 0;
		/* the machine reading written so that it is not ambiguous */
		shown(*out, 0, sm, sizeof(sm) - 1);
		if (machine_ambiguous(sm, strlen(sm)))
			strcat(sm, "0");
		diag_add(why, DIAG_ERROR, "value.ambiguous", NULL, 0, 0,
		    "không rõ nghĩa: theo định dạng máy là %s%.0s, theo định dạng Việt Nam (vi) là %s; hãy viết %s hoặc %s",
		    "ambiguous: %.0s%s in the machine format, %s in the Vietnamese format (vi); write %s or %s",
		    shown(*out, 1, vi, sizeof(vi)),
		    shown(*out, 0, en, sizeof(en)),
		    shown(other, 0, o, sizeof(o)), sm, o);
		*out = 0.0;
		return -1;
	}
	if (st == NUMFMT_MACHINE && vi_read(s, len, &other) == 0) {
		diag_add(why, DIAG_ERROR, "value.number_machine", NULL, 0, 0,
		    "không phải số (dùng dấu chấm thập phân, không phân cách hàng nghìn); theo định dạng số Việt Nam (vi) là %s%.0s",
		    "not a number (use a decimal point and no thousands separators); in the Vietnamese number format (vi) it reads %.0s%s",
		    shown(other, 1, vi, sizeof(vi)),
		    shown(other, 0, en, sizeof(en)));
		return -1;
	}
	diag_put(why, DIAG_ERROR, "value.number", NULL, 0, 0,
	    "không phải số (dùng dấu chấm thập phân, không phân cách hàng nghìn)",
	    "not a number (use a decimal point and no thousands separators)");
	return -1;
}
