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
		int r = snprintf(dst, size, "%.17g", v);

		if (r < 0 || size == 0)
			return 0;
		return (size_t)r < size ? (size_t)r : size - 1;
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
