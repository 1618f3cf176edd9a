/*
 * date.c: proleptic Gregorian calendar arithmetic; reading dates as people
 * type them; Vietnam's time (UTC+7) for what people read.
 */
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Days from civil (Howard Hinnant's algorithm). */
long
date_make(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };

	return m == 2 && leap(y) ? 29 : n[m - 1];
}

long
date_month_end(int y, int m)
{
	return date_make(y, m, mdays(y, m));
}

/*
 * digits(s, min, max, v): the number written by the run of digits at ${s}
 * into ${v}; its length, or -1 when the run is shorter than ${min} or
 * longer than ${max} digits.
 */
static int
digits(const char *s, int min, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (s[n] >= '0' && s[n] <= '9') {
		if (n == max)
			return -1;
		*v = *v * 10 + (s[n] - '0');
		n++;
	}
	return n < min ? -1 : n;
}

/* The days of y-m-d when it is a real date of a sane year, else -1. */
static int
real_date(int y, int m, int d, long *out)
{
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays(y, m))
		return -1;
	*out = date_make(y, m, d);
	return 0;
}

int
date_parse(const char *s, long *out)
{
	int y, m, d, n;

	if (s == NULL)
		return -1;
	/* "YYYY-MM-DD", exactly: the stored and exchanged form */
	if (digits(s, 4, 4, &y) == 4 && s[4] == '-') {
		if (digits(s + 5, 2, 2, &m) != 2 || s[7] != '-' ||
		    digits(s + 8, 2, 2, &d) != 2 || s[10] != '\0')
			return -1;
		return real_date(y, m, d, out);
	}
	/* "dd/mm/yyyy" or "d/m/yyyy": as people in Vietnam write a date */
	if ((n = digits(s, 1, 2, &d)) < 0 || s[n] != '/')
		return -1;
	s += n + 1;
	if ((n = digits(s, 1, 2, &m)) < 0 || s[n] != '/')
		return -1;
	s += n + 1;
	if (digits(s, 4, 4, &y) != 4 || s[4] != '\0')
		return -1;
	return real_date(y, m, d, out);
}

int
date_iso(const char *s, char out[11])
{
	long day;

	if (date_parse(s, &day) < 0)
		return -1;
	date_format(day, out);
	return 0;
}

void
date_format(long days, char out[11])
{
	long z = days + 719468, era, doe, yoe, doy, mp, d, m, y;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	/* digits by hand: the ranges are known, and gcc cannot prove it */
	y = y < 0 ? 0 : y % 10000;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

void
date_vi(const char *iso, char *out, size_t size)
{
	if (iso == NULL || strlen(iso) != 10) {
		snprintf(out, size, "%s", iso ? iso : "");
		return;
	}
	snprintf(out, size, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

long
date_day_vn(time_t t)
{
	long long v = (long long)t + DATE_VN_OFFSET;

	/* floor, not truncation: an instant before 1970 is a day before */
	return (long)(v >= 0 ? v / 86400 : -((-v + 86399) / 86400));
}

int
date_time_parse(const char *s, time_t *out)
{
	int hh, mm, ss, n;
	long day;
	char d[11];

	if (s == NULL || strlen(s) < 20 || s[10] != 'T')
		return -1;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (d[4] != '-' || date_parse(d, &day) < 0 ||
	    digits(s + 11, 2, 2, &hh) != 2 || s[13] != ':' ||
	    digits(s + 14, 2, 2, &mm) != 2 || s[16] != ':' ||
	    digits(s + 17, 2, 2, &ss) != 2 || hh > 23 || mm > 59 || ss > 59)
		return -1;
	s += 19;
	if (*s == '.') {
		for (n = 1; s[n] >= '0' && s[n] <= '9'; n++)
			;
		if (n == 1)
			return -1;
		s += n;
	}
	if (strcmp(s, "Z") != 0)
		return -1;
	*out = (time_t)day * 86400 + hh * 3600 + mm * 60 + ss;
	return 0;
}

void
date_time_vi(const char *iso, char *out, size_t size)
{
	char d[11];
	time_t t;
	long long v;
	int hh, mm;

	if (date_time_parse(iso, &t) < 0) {
		snprintf(out, size, "%s", iso ? iso : "");
		return;
	}
	date_format(date_day_vn(t), d);
	v = (long long)t + DATE_VN_OFFSET;
	v = (v % 86400 + 86400) % 86400;
	hh = (int)(v / 3600);
	mm = (int)(v / 60 % 60);
	snprintf(
	    out, size, "%.2s/%.2s/%.4s %02d:%02d", d + 8, d + 5, d, hh, mm);
}

long
date_today(void)
{
	const char *env = getenv("DTI_TODAY");
	time_t t;
	long d;

	if (env != NULL && date_parse(env, &d) == 0)
		return d;
	env = getenv("DTI_NOW");
	if (env == NULL || date_time_parse(env, &t) < 0)
		t = time(NULL);
	return date_day_vn(t);
}
