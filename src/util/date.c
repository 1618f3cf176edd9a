/* date.c: proleptic Gregorian calendar arithmetic. */
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

int
date_parse(const char *s, long *out)
{
	int y, m, d, n = 0;

	if (strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    s[4] != '-' || s[7] != '-')
		return -1;
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays(y, m))
		return -1;
	*out = date_make(y, m, d);
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
date_today(void)
{
	const char *env = getenv("DTI_TODAY");
	time_t t;
	long d;

	if (env != NULL && date_parse(env, &d) == 0)
		return d;
	t = time(NULL);
	return (long)(t / 86400);
}

void
date_time_vi(const char *iso, char *out, size_t size)
{
	int y, mo, d, h, mi, sec, n = 0;
	long days, mins;
	char day[11];

	if (iso == NULL || iso[0] == '\0') {
		snprintf(out, size, "%s", "");
		return;
	}
	if (strlen(iso) != 20 ||
	    sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi,
		&sec, &n) != 6 ||
	    n != 20 || mo < 1 || mo > 12 || d < 1 || d > mdays(y, mo) ||
	    y < 1970 || h < 0 || h > 23 || mi < 0 || mi > 59) {
		snprintf(out, size, "%s", iso);
		return;
	}
	/* Vietnam is UTC+7 all year */
	mins = (date_make(y, mo, d) * 24 + h) * 60 + mi + 7 * 60;
	days = mins / (24 * 60);
	mins %= 24 * 60;
	date_format(days, day);
	snprintf(out, size, "%.2s/%.2s/%.4s %02ld:%02ld", day + 8, day + 5, day,
	    mins / 60, mins % 60);
}
