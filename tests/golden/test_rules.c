/*
 * test_rules.c: every kind of rule of the 2022 provincial methodology,
 * scored on synthetic rounds built in memory, at, just below and just above
 * each threshold and tier boundary. Expected values are worked out by hand
 * from Appendix 2 of plan 4233/KH-UBND (the "Cách xác định và tính điểm"
 * column) and the readings of shared/spec/exchange-format.md; the comment
 * above each case gives the plan's words and the arithmetic.
 *
 * test_rules [GROUP]: run one group (yesno_choice, ratio, threshold, tiers,
 * caps, minmax, relbest, status, totals), or all of them.
 */
#include "golden_util.h"

/* ------------------------------------------------------------------ */
/* yes/no and choice                                                   */

/* "- Đã ban hành: Điểm tối đa - Chưa ban hành: 0 điểm" and the like. */
static void
test_yesno(void **state)
{
	static const struct {
		const char *code;
		double points;
	} yn[] = {
		{ "2.1", 5 },
		{ "2.2", 5 },
		{ "2.3", 10 },
		{ "2.4", 10 },
		{ "2.5", 10 },
		{ "2.6", 10 },
		{ "2.7", 10 },
		{ "2.8", 10 },
		{ "2.9", 10 },
		{ "2.10", 10 },
		{ "2.11", 10 },
		{ "1.6", 10 },
		{ "1.7", 10 },
		{ "1.9", 10 },
		{ "4.1", 10 },
		{ "4.2", 10 },
		{ "4.3", 10 },
		{ "4.4", 10 },
		{ "6.5", 5 },
		{ "6.15", 10 },
		{ "6.16", 10 },
		{ "6.18", 10 },
	};
	char spec[64];
	size_t i;

	(void)state;
	one("2.1=1", "2.1", 5.0);
	one("2.1=0", "2.1", 0.0);
	for (i = 0; i < sizeof(yn) / sizeof(yn[0]); i++) {
		snprintf(spec, sizeof(spec), "%s=1", yn[i].code);
		one(spec, yn[i].code, yn[i].points);
		snprintf(spec, sizeof(spec), "%s=0", yn[i].code);
		one(spec, yn[i].code, 0.0);
	}
	finish();
}

/*
 * 1.2 (10): "tham gia đầy đủ các phiên họp của UBQG: 1/2 * Điểm tối đa;
 * chủ trì các cuộc họp về CĐS của tỉnh: 1/2 * Điểm tối đa".
 */
static void
test_half_half_1_2(void **state)
{
	(void)state;
	one("1.2.national_sessions=1 1.2.chairs_meetings=1", "1.2", 10.0);
	one("1.2.national_sessions=1 1.2.chairs_meetings=0", "1.2", 5.0);
	one("1.2.national_sessions=0 1.2.chairs_meetings=1", "1.2", 5.0);
	one("1.2.national_sessions=0 1.2.chairs_meetings=0", "1.2", 0.0);
	finish();
}

/* Indicators scored as the sum of independent yes/no parts. */
static void
test_yesno_parts(void **state)
{
	(void)state;
	/* 6.1 (10): đáp ứng 4/5*Điểm tối đa = 8; IPv6 1/5 = 2 */
	one("6.1.compliant=1 6.1.ipv6=1", "6.1", 10.0);
	one("6.1.compliant=1 6.1.ipv6=0", "6.1", 8.0);
	one("6.1.compliant=0 6.1.ipv6=1", "6.1", 2.0);
	one("6.1.compliant=0 6.1.ipv6=0", "6.1", 0.0);
	/* 6.2 (5): triển khai 1/2 = 2.5; đáp ứng yêu cầu kỹ thuật 1/2 */
	one("6.2.deployed=1 6.2.compliant=1", "6.2", 5.0);
	one("6.2.deployed=1 6.2.compliant=0", "6.2", 2.5);
	one("6.2.deployed=0 6.2.compliant=1", "6.2", 2.5);
	one("6.2.deployed=0 6.2.compliant=0", "6.2", 0.0);
	/* 6.3 (10): hợp nhất 1/5 = 2; đáp ứng 3/5 = 6; IPv6 1/5 = 2 */
	one("6.3.merged=1 6.3.compliant=1 6.3.ipv6=1", "6.3", 10.0);
	one("6.3.merged=1 6.3.compliant=0 6.3.ipv6=0", "6.3", 2.0);
	one("6.3.merged=0 6.3.compliant=1 6.3.ipv6=0", "6.3", 6.0);
	one("6.3.merged=0 6.3.compliant=0 6.3.ipv6=1", "6.3", 2.0);
	one("6.3.merged=0 6.3.compliant=1 6.3.ipv6=1", "6.3", 8.0);
	one("6.3.merged=0 6.3.compliant=0 6.3.ipv6=0", "6.3", 0.0);
	/* 6.4 (5): cung cấp thông tin 1/2; cung cấp DVCTT 1/2 */
	one("6.4.info=1 6.4.services=1", "6.4", 5.0);
	one("6.4.info=1 6.4.services=0", "6.4", 2.5);
	one("6.4.info=0 6.4.services=1", "6.4", 2.5);
	one("6.4.info=0 6.4.services=0", "6.4", 0.0);
	/* 6.17 (10): đến các cơ quan 1/2; đến từng thiết bị cá nhân 1/2 */
	one("6.17.agencies=1 6.17.devices=1", "6.17", 10.0);
	one("6.17.agencies=1 6.17.devices=0", "6.17", 5.0);
	one("6.17.agencies=0 6.17.devices=1", "6.17", 5.0);
	one("6.17.agencies=0 6.17.devices=0", "6.17", 0.0);
	finish();
}

/* Choices: full points, 1/2 * Điểm tối đa, 0 điểm. */
static void
test_choice(void **state)
{
	(void)state;
	/* 1.1 (10): Bí thư/Chủ tịch; Phó Bí thư/Phó Chủ tịch: 1/2; else 0 */
	one("1.1=leader", "1.1", 10.0);
	one("1.1=deputy", "1.1", 5.0);
	one("1.1=none", "1.1", 0.0);
	/* 1.4 (10): 1 tuần/1 lần; ít hơn 1 tuần/1 lần: 1/2; không có: 0 */
	one("1.4=weekly", "1.4", 10.0);
	one("1.4=less_than_weekly", "1.4", 5.0);
	one("1.4=none", "1.4", 0.0);
	/* 1.8 (10): từ 1 tuần/1 lần; từ 1 tháng/1 lần: 1/2; dưới: 0 */
	one("1.8=weekly", "1.8", 10.0);
	one("1.8=monthly", "1.8", 5.0);
	one("1.8=less_than_monthly", "1.8", 0.0);
	/* 1.10 (10): same tiers */
	one("1.10=weekly", "1.10", 10.0);
	one("1.10=monthly", "1.10", 5.0);
	one("1.10=less_than_monthly", "1.10", 0.0);
	/* 6.19, 6.20 (10): cá thể hóa; chưa cá thể hóa: 1/2; chưa: 0 */
	one("6.19=personalized", "6.19", 10.0);
	one("6.19=deployed", "6.19", 5.0);
	one("6.19=none", "6.19", 0.0);
	one("6.20=personalized", "6.20", 10.0);
	one("6.20=deployed", "6.20", 5.0);
	one("6.20=none", "6.20", 0.0);
	finish();
}

/*
 * 1.5 (10): "Đã có chuyên mục và số lượng tin, bài ... đạt: Từ 20 trở lên:
 * điểm tối đa; Từ 10 đến 19: 1/2; Dưới 10: 1/4; Chưa có chuyên mục: 0".
 */
static void
test_1_5(void **state)
{
	(void)state;
	one("1.5.section=0 1.5.articles=25", "1.5", 0.0);
	one("1.5.section=0 1.5.articles=0", "1.5", 0.0);
	one("1.5.section=1 1.5.articles=0", "1.5", 2.5);
	one("1.5.section=1 1.5.articles=9", "1.5", 2.5);
	one("1.5.section=1 1.5.articles=10", "1.5", 5.0);
	one("1.5.section=1 1.5.articles=11", "1.5", 5.0);
	one("1.5.section=1 1.5.articles=19", "1.5", 5.0);
	one("1.5.section=1 1.5.articles=20", "1.5", 10.0);
	one("1.5.section=1 1.5.articles=21", "1.5", 10.0);
	one("1.5.section=1 1.5.articles=300", "1.5", 10.0);
	finish();
}

/*
 * 3.5 (30): 1. Triển khai: đạt tiêu chuẩn 1/2*Điểm tối đa = 15; chưa đạt
 * tiêu chuẩn 1/4 = 7.5; chưa triển khai 0. 2. Kết nối Nền tảng điện toán đám
 * mây Chính phủ 1/2 = 15.
 */
static void
test_3_5(void **state)
{
	(void)state;
	one("3.5.datacenter=standard 3.5.gov_cloud=1", "3.5", 30.0);
	one("3.5.datacenter=standard 3.5.gov_cloud=0", "3.5", 15.0);
	one("3.5.datacenter=nonstandard 3.5.gov_cloud=1", "3.5", 22.5);
	one("3.5.datacenter=nonstandard 3.5.gov_cloud=0", "3.5", 7.5);
	one("3.5.datacenter=none 3.5.gov_cloud=1", "3.5", 15.0);
	one("3.5.datacenter=none 3.5.gov_cloud=0", "3.5", 0.0);
	finish();
}

/* IX: "Không tính điểm", whatever is recorded. */
static void
test_9x(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;

	(void)state;
	put(r, "u", "9.1=1 9.2=1 9.3=1");
	put(r, "v", "9.1=0 9.2=0 9.3=0");
	s = score_round(r, NULL, NULL);
	expect(s, "u", "9.1", 0.0);
	expect(s, "u", "9.2", 0.0);
	expect(s, "u", "9.3", 0.0);
	expect(s, "u", "IX", 0.0);
	expect(s, "v", "9.1", 0.0);
	expect(s, "v", "IX", 0.0);
	score_free(s);
	round_free(r);
	finish();
}

/* ------------------------------------------------------------------ */
/* plain ratios: "Tỷ lệ=a/b - Điểm=Tỷ lệ*Điểm tối đa"                  */

static void
test_ratio_3_3(void **state)
{
	(void)state;
	/* 412000 / 595000 * 10 = 6.924369747899... */
	one("3.3.a=412000 3.3.b=595000", "3.3", 412000.0 / 595000.0 * 10.0);
	one("3.3.a=150000 3.3.b=150000", "3.3", 10.0);
	one("3.3.a=0 3.3.b=150000", "3.3", 0.0);
	one("3.3.a=1 3.3.b=3", "3.3", 10.0 / 3.0);
	one("3.3.a=149999 3.3.b=150000", "3.3", 149999.0 / 150000.0 * 10.0);
	finish();
}

/* Every plain ratio at a = 37, b = 50: 0.74 * points. */
static void
test_ratio_all(void **state)
{
	static const struct {
		const char *code;
		double points;
	} pr[] = {
		{ "3.1", 10 },
		{ "3.2", 10 },
		{ "3.3", 10 },
		{ "3.4", 10 },
		{ "3.7", 10 },
		{ "4.7", 10 },
		{ "4.8", 5 },
		{ "4.10", 5 },
		{ "5.2", 10 },
		{ "5.3", 10 },
		{ "5.4", 10 },
		{ "5.5", 5 },
		{ "5.6", 10 },
		{ "5.7", 10 },
		{ "5.8", 5 },
		{ "5.11", 5 },
		{ "6.6", 5 },
		{ "6.7", 10 },
		{ "6.9", 10 },
		{ "6.10", 10 },
		{ "7.7", 10 },
		{ "8.1", 20 },
		{ "8.4", 20 },
		{ "1.3", 10 },
	};
	char spec[96];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(pr) / sizeof(pr[0]); i++) {
		snprintf(spec, sizeof(spec), "%s.a=37 %s.b=50", pr[i].code,
		    pr[i].code);
		one(spec, pr[i].code, 0.74 * pr[i].points);
		snprintf(spec, sizeof(spec), "%s.a=50 %s.b=50", pr[i].code,
		    pr[i].code);
		one(spec, pr[i].code, pr[i].points);
		snprintf(spec, sizeof(spec), "%s.a=0 %s.b=50", pr[i].code,
		    pr[i].code);
		one(spec, pr[i].code, 0.0);
	}
	finish();
}

/*
 * 1.3 (10): a (signed by the chairman) is not a part of b (required by the
 * ministry), so a/b may exceed 1; "Scores never exceed an indicator's max
 * points": capped at 10.
 */
static void
test_cap_1_3(void **state)
{
	(void)state;
	one("1.3.a=1 1.3.b=2", "1.3", 5.0);
	one("1.3.a=2 1.3.b=2", "1.3", 10.0);
	one("1.3.a=3 1.3.b=2", "1.3", 10.0);
	one("1.3.a=13 1.3.b=4", "1.3", 10.0);
	one("1.3.a=3 1.3.b=4", "1.3", 7.5);
	finish();
}

/*
 * 3.6 (20): "a/b * 1/2*Điểm tối đa" with b = 7, plus "c/d * 1/2*Điểm tối
 * đa" with d = a.
 */
static void
test_3_6(void **state)
{
	(void)state;
	one("3.6.a=7 3.6.c=7", "3.6", 20.0);
	one("3.6.a=7 3.6.c=0", "3.6", 10.0);
	one("3.6.a=7 3.6.c=3", "3.6", 10.0 + 3.0 / 7.0 * 10.0);
	/* 3/7*10 + 2/3*10 = 230/21 = 10.952380952... */
	one("3.6.a=3 3.6.c=2", "3.6", 230.0 / 21.0);
	one("3.6.a=1 3.6.c=1", "3.6", 10.0 / 7.0 + 10.0);
	/* d = a = 0: the second ratio divides by zero */
	one_st("3.6.a=0 3.6.c=0", "3.6", 0.0, SC_DIV0);
	finish();
}

/* Ratios over several inputs. */
static void
test_ratio_sums(void **state)
{
	(void)state;
	/* 6.11 (10): (c+d)/(a+b) = (120+180)/(200+300) = 0.6 -> 6 */
	one("6.11.a=200 6.11.b=300 6.11.c=120 6.11.d=180", "6.11", 6.0);
	one("6.11.a=200 6.11.b=300 6.11.c=200 6.11.d=300", "6.11", 10.0);
	one("6.11.a=200 6.11.b=300 6.11.c=0 6.11.d=0", "6.11", 0.0);
	/* 6.13 (5): (a+b)/(c+d) = 32000/103000 * 5 */
	one("6.13.a=30000 6.13.b=2000 6.13.c=100000 6.13.d=3000", "6.13",
	    32000.0 / 103000.0 * 5.0);
	/* 6.14 (5): (b+d)/(a+c) = (900+150)/(1000+200) * 5 = 4.375 */
	one("6.14.a=1000 6.14.b=900 6.14.c=200 6.14.d=150", "6.14", 4.375);
	one("6.14.a=1000 6.14.b=0 6.14.c=200 6.14.d=0", "6.14", 0.0);
	finish();
}

/* ------------------------------------------------------------------ */
/* thresholds                                                          */

/*
 * Literal reading (contract): "Tỷ lệ ≥ T: điểm tối đa; Tỷ lệ < T: điểm =
 * điểm tối đa * tỷ lệ". b = 10000 throughout; below, at and above T.
 */
static void
test_threshold_literal(void **state)
{
	static const struct {
		const char *code;
		double points;
		int below, at, above; /* a, with b = 10000 */
		double below_score; /* a/b * points */
	} t[] = {
		{ "7.1", 20, 1999, 2000, 2500, 3.998 }, /* 20 % */
		{ "7.2", 20, 499, 500, 600, 0.998 }, /* 5 % */
		{ "7.3", 10, 999, 1000, 1500, 0.999 }, /* 10 % */
		{ "7.4", 20, 999, 1000, 1500, 1.998 }, /* 10 % */
		{ "7.5", 10, 4999, 5000, 6000, 4.999 }, /* 50 % */
		{ "7.6", 10, 7999, 8000, 9000, 7.999 }, /* 80 % */
		{ "7.8", 10, 4999, 5000, 6000, 4.999 }, /* 50 % */
		{ "7.9", 10, 499, 500, 600, 0.499 }, /* 5 % */
		{ "7.11", 10, 24, 25, 30, 0.024 }, /* 0.25 % */
		{ "7.12", 10, 24, 25, 30, 0.024 }, /* 0.25 % */
		{ "4.12", 5, 7900, 8000, 9000, 3.95 }, /* 80 % */
		{ "4.13", 5, 6900, 7000, 8000, 3.45 }, /* 70 % */
	};
	char spec[96];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(spec, sizeof(spec), "%s.a=%d %s.b=10000", t[i].code,
		    t[i].below, t[i].code);
		one(spec, t[i].code, t[i].below_score);
		snprintf(spec, sizeof(spec), "%s.a=%d %s.b=10000", t[i].code,
		    t[i].at, t[i].code);
		one(spec, t[i].code, t[i].points);
		snprintf(spec, sizeof(spec), "%s.a=%d %s.b=10000", t[i].code,
		    t[i].above, t[i].code);
		one(spec, t[i].code, t[i].points);
		snprintf(spec, sizeof(spec), "%s.a=0 %s.b=10000", t[i].code,
		    t[i].code);
		one(spec, t[i].code, 0.0);
	}
	/* the brief's cases, in amounts (tỷ đồng) */
	one("7.1.a=19.99 7.1.b=100", "7.1", 3.998);
	one("7.1.a=20 7.1.b=100", "7.1", 20.0);
	one("7.1.a=25 7.1.b=100", "7.1", 20.0);
	one("7.11.a=0.25 7.11.b=100", "7.11", 10.0);
	one("7.11.a=0.24 7.11.b=100", "7.11", 0.024);
	/* 7.9: a is not a part of b, a/b may exceed 1 */
	one("7.9.a=30000 7.9.b=10000", "7.9", 10.0);
	finish();
}

/*
 * Scaled: "Tỷ lệ>=T: Điểm tối đa; Tỷ lệ<T: Tỷ lệ/T*Điểm tối đa".
 */
static void
test_threshold_scaled(void **state)
{
	(void)state;
	/* 6.12 (20), T = 80 %, ratio (b+c)/a */
	one("6.12.a=10000 6.12.b=3000 6.12.c=4900", "6.12", 19.75);
	one("6.12.a=10000 6.12.b=3000 6.12.c=5000", "6.12", 20.0);
	one("6.12.a=10000 6.12.b=3000 6.12.c=6500", "6.12", 20.0);
	one("6.12.a=10000 6.12.b=1000 6.12.c=3000", "6.12", 10.0);
	one("6.12.a=10000 6.12.b=0 6.12.c=0", "6.12", 0.0);
	one("6.12.a=100 6.12.b=79 6.12.c=0", "6.12", 19.75);
	one("6.12.a=100 6.12.b=0 6.12.c=80", "6.12", 20.0);
	/* 8.2 (20), T = 80 % */
	one("8.2.a=7900 8.2.b=10000", "8.2", 19.75);
	one("8.2.a=8000 8.2.b=10000", "8.2", 20.0);
	one("8.2.a=9000 8.2.b=10000", "8.2", 20.0);
	one("8.2.a=4000 8.2.b=10000", "8.2", 10.0);
	/* 8.3 (20), T = 50 % */
	one("8.3.a=4900 8.3.b=10000", "8.3", 19.6);
	one("8.3.a=5000 8.3.b=10000", "8.3", 20.0);
	one("8.3.a=6000 8.3.b=10000", "8.3", 20.0);
	one("8.3.a=2500 8.3.b=10000", "8.3", 10.0);
	/* 8.5 (10), T = 70 %: 0.69/0.7*10 = 9.857142857... */
	one("8.5.a=6900 8.5.b=10000", "8.5", 69.0 / 7.0);
	one("8.5.a=7000 8.5.b=10000", "8.5", 10.0);
	one("8.5.a=8000 8.5.b=10000", "8.5", 10.0);
	one("8.5.a=3500 8.5.b=10000", "8.5", 5.0);
	/* 6.22 (10), T = 1 %, ratio (a+b)/c, tỷ đồng */
	one("6.22.a=0.5 6.22.b=0.49 6.22.c=100", "6.22", 9.9);
	one("6.22.a=0.5 6.22.b=0.5 6.22.c=100", "6.22", 10.0);
	one("6.22.a=1 6.22.b=1 6.22.c=100", "6.22", 10.0);
	one("6.22.a=0.25 6.22.b=0.25 6.22.c=100", "6.22", 5.0);
	one("6.22.a=0 6.22.b=0 6.22.c=100", "6.22", 0.0);
	/* 4.9 (5): "Điểm=Tỷ lệ/50%*Điểm tối đa", capped at 5 */
	one("4.9.a=4900 4.9.b=10000", "4.9", 4.9);
	one("4.9.a=5000 4.9.b=10000", "4.9", 5.0);
	one("4.9.a=8000 4.9.b=10000", "4.9", 5.0);
	one("4.9.a=1000 4.9.b=10000", "4.9", 1.0);
	finish();
}

/* 6.8 (10): "Tỷ lệ=100%: Điểm tối đa; Tỷ lệ<100%: 0 điểm". */
static void
test_6_8(void **state)
{
	(void)state;
	one("6.8.a=250 6.8.b=250", "6.8", 10.0);
	one("6.8.a=999 6.8.b=1000", "6.8", 0.0);
	one("6.8.a=1 6.8.b=1", "6.8", 10.0);
	one("6.8.a=0 6.8.b=1000", "6.8", 0.0);
	finish();
}

/* ------------------------------------------------------------------ */
/* tiers                                                               */

/*
 * 5.12.1 (5): (a+b)/c; "Mức 1 ≥ 10 % (điểm tối đa) Mức 2 ≥ 7% (70% điểm)
 * Mức 3 ≥ 3% (30% điểm) Mức 4 <3% (0 điểm)".
 */
static void
test_tiers_5_12_1(void **state)
{
	(void)state;
	one("5.12.1.a=1 5.12.1.b=1.99 5.12.1.c=100", "5.12.1", 0.0);
	one("5.12.1.a=1 5.12.1.b=2 5.12.1.c=100", "5.12.1", 1.5);
	one("5.12.1.a=3 5.12.1.b=3.99 5.12.1.c=100", "5.12.1", 1.5);
	one("5.12.1.a=3 5.12.1.b=4 5.12.1.c=100", "5.12.1", 3.5);
	one("5.12.1.a=5 5.12.1.b=4.99 5.12.1.c=100", "5.12.1", 3.5);
	one("5.12.1.a=4 5.12.1.b=6 5.12.1.c=100", "5.12.1", 5.0);
	one("5.12.1.a=20 5.12.1.b=5 5.12.1.c=100", "5.12.1", 5.0);
	one("5.12.1.a=0 5.12.1.b=0 5.12.1.c=100", "5.12.1", 0.0);
	/* only b, only a */
	one("5.12.1.a=0 5.12.1.b=7 5.12.1.c=100", "5.12.1", 3.5);
	one("5.12.1.a=3 5.12.1.b=0 5.12.1.c=100", "5.12.1", 1.5);
	finish();
}

/*
 * 5.12.2 ... 5.12.6 (2 each): "Mức 1: ≥ 2 tỷ: 100%; Mức 2: ≥ 1 tỷ: 70%;
 * Mức 3: ≥ 0,5 tỷ: 30%; Mức 4: < 0,5 tỷ: 0%".
 */
static void
test_tiers_5_12_2(void **state)
{
	static const char *const parts[] = { "5.12.2", "5.12.3", "5.12.4",
		"5.12.5", "5.12.6" };
	static const struct {
		const char *v;
		double score;
	} t[] = {
		{ "0", 0.0 },
		{ "0.49", 0.0 },
		{ "0.5", 0.6 },
		{ "0.99", 0.6 },
		{ "1", 1.4 },
		{ "1.99", 1.4 },
		{ "2", 2.0 },
		{ "7.5", 2.0 },
	};
	char spec[64];
	size_t i, k;

	(void)state;
	for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
			snprintf(spec, sizeof(spec), "%s=%s", parts[k], t[i].v);
			one(spec, parts[k], t[i].score);
		}
	}
	finish();
}

/* 5.12 (15): "Cộng điểm từ 5.12.1 - 5.12.6". */
static void
test_5_12_sum(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;

	(void)state;
	put(r, "full",
	    "5.12.1.a=6 5.12.1.b=4 5.12.1.c=100 5.12.2=2 5.12.3=2 5.12.4=2 "
	    "5.12.5=2 5.12.6=2");
	put(r, "mixed",
	    "5.12.1.a=3 5.12.1.b=4 5.12.1.c=100 5.12.2=2 5.12.3=1 "
	    "5.12.4=0.5 5.12.5=0.2 5.12.6=3");
	put(r, "none",
	    "5.12.1.a=0 5.12.1.b=0 5.12.1.c=100 5.12.2=0 5.12.3=0 5.12.4=0 "
	    "5.12.5=0 5.12.6=0");
	/* 5.12.6 absent: that part scores 0, missing */
	put(r, "part",
	    "5.12.1.a=3 5.12.1.b=4 5.12.1.c=100 5.12.2=2 5.12.3=1 "
	    "5.12.4=0.5 5.12.5=0.2");
	s = score_round(r, NULL, NULL);
	expect(s, "full", "5.12", 15.0);
	/* 3.5 + 2 + 1.4 + 0.6 + 0 + 2 = 9.5 */
	expect(s, "mixed", "5.12.1", 3.5);
	expect(s, "mixed", "5.12.2", 2.0);
	expect(s, "mixed", "5.12.3", 1.4);
	expect(s, "mixed", "5.12.4", 0.6);
	expect(s, "mixed", "5.12.5", 0.0);
	expect(s, "mixed", "5.12.6", 2.0);
	expect(s, "mixed", "5.12", 9.5);
	expect(s, "none", "5.12", 0.0);
	expect_st(s, "part", "5.12.6", 0.0, SC_MISSING);
	expect_st(s, "part", "5.12", 7.5, ST_ANY);
	score_free(s);
	round_free(r);
	finish();
}

/* ------------------------------------------------------------------ */
/* one point per activity, capped                                      */

static void
test_caps(void **state)
{
	(void)state;
	/* 6.21 (10): "Mỗi hoạt động ...: 1 điểm; Tổng điểm không quá Điểm
	 * tối đa" */
	one("6.21=0", "6.21", 0.0);
	one("6.21=1", "6.21", 1.0);
	one("6.21=9", "6.21", 9.0);
	one("6.21=10", "6.21", 10.0);
	one("6.21=11", "6.21", 10.0);
	one("6.21=25", "6.21", 10.0);
	/* 8.8 (20): "Mỗi hoạt động hiệu quả: 1 điểm; Tổng điểm không quá
	 * Điểm tối đa" */
	one("8.8=0", "8.8", 0.0);
	one("8.8=9", "8.8", 9.0);
	one("8.8=10", "8.8", 10.0);
	one("8.8=19", "8.8", 19.0);
	one("8.8=20", "8.8", 20.0);
	one("8.8=21", "8.8", 20.0);
	one("8.8=25", "8.8", 20.0);
	finish();
}

/* ------------------------------------------------------------------ */
/* Min-Max: (x - min) / (max - min) * points over the round            */

static void
test_minmax_5_1(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;

	(void)state;
	put(r, "p1", "5.1=2");
	put(r, "p2", "5.1=5");
	put(r, "p3", "5.1=10");
	put(r, "p4", "2.1=1"); /* no 5.1 */
	s = score_round(r, NULL, NULL);
	expect(s, "p1", "5.1", 0.0);
	expect(s, "p2", "5.1", 3.75); /* (5-2)/(10-2)*10 */
	expect(s, "p3", "5.1", 10.0);
	expect_st(s, "p4", "5.1", 0.0, SC_MISSING);
	score_free(s);
	round_free(r);
	finish();
}

/* A unit without the input takes no part in min and max. */
static void
test_minmax_missing_excluded(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;

	(void)state;
	put(r, "p1", "5.1=3 5.9=1 8.6=1");
	put(r, "p2", "5.1=7 5.9=2 8.6=3");
	put(r, "p3", "2.1=1");
	s = score_round(r, NULL, NULL);
	/* not 3/7*10 as if p3 had 0 */
	expect(s, "p1", "5.1", 0.0);
	expect(s, "p2", "5.1", 10.0);
	expect(s, "p1", "5.9", 0.0);
	expect(s, "p2", "5.9", 5.0);
	expect(s, "p1", "8.6", 0.0);
	expect(s, "p2", "8.6", 20.0);
	expect_st(s, "p3", "5.1", 0.0, SC_MISSING);
	expect_st(s, "p3", "5.9", 0.0, SC_MISSING);
	expect_st(s, "p3", "8.6", 0.0, SC_MISSING);
	score_free(s);
	round_free(r);
	finish();
}

/* All units equal: full points if the value is above 0, else 0. */
static void
test_minmax_all_equal(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;

	(void)state;
	put(r, "p1", "5.1=4 5.9=0 5.10=3 8.7=0");
	put(r, "p2", "5.1=4 5.9=0 5.10=3 8.7=0");
	put(r, "p3", "5.1=4 5.9=0 5.10=3 8.7=0");
	s = score_round(r, NULL, NULL);
	expect(s, "p1", "5.1", 10.0);
	expect(s, "p2", "5.1", 10.0);
	expect(s, "p3", "5.1", 10.0);
	expect(s, "p1", "5.9", 0.0);
	expect(s, "p3", "5.9", 0.0);
	expect(s, "p1", "5.10", 5.0);
	expect(s, "p2", "5.10", 5.0);
	expect(s, "p2", "8.7", 0.0);
	score_free(s);
	round_free(r);

	/*
	 * a round of one unit: nothing to compare with, no reference bounds:
	 * 0, never full marks (issue 11: Min-Max(12; min 12, max 12) was 20)
	 */
	one_st("5.1=6", "5.1", 0.0, SC_NOBOUNDS);
	one_st("5.1=0", "5.1", 0.0, SC_NOBOUNDS);
	one_st("8.6=12", "8.6", 0.0, SC_NOBOUNDS);
	/* with bounds: (12 - 2) / (22 - 2) x 20 = 10; outside them, capped */
	{
		struct round *r1 = round_new(G_M);
		int i86 = method_indicator(G_M, "8.6");

		put(r1, "u", "8.6=12");
		round_set_bounds(r1, i86, 2, 22);
		s = score_round(r1, NULL, NULL);
		expect(s, "u", "8.6", 10.0);
		score_free(s);
		round_set_bounds(r1, i86, 22, 30); /* lo > value: 0 */
		s = score_round(r1, NULL, NULL);
		expect(s, "u", "8.6", 0.0);
		score_free(s);
		round_set_bounds(r1, i86, 1, 5); /* the value is the best */
		s = score_round(r1, NULL, NULL);
		expect(s, "u", "8.6", 20.0);
		score_free(s);
		round_free(r1);
	}
	/* bounds leave a round of several units as it was: p1..p3 equal */
	r = round_new(G_M);
	put(r, "p1", "5.1=4");
	put(r, "p2", "5.1=4");
	s = score_round(r, NULL, NULL);
	expect(s, "p1", "5.1", 10.0);
	score_free(s);
	round_free(r);
	finish();
}

static void
test_minmax_counts(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;

	(void)state;
	put(r, "p1", "5.9=1 5.10=10 8.6=0.5 8.7=3");
	put(r, "p2", "5.9=3 5.10=25 8.6=2 8.7=1");
	put(r, "p3", "5.9=4 5.10=40 8.6=1.25 8.7=1.5");
	s = score_round(r, NULL, NULL);
	/* 5.9 (5): min 1, max 4 */
	expect(s, "p1", "5.9", 0.0);
	expect(s, "p2", "5.9", 2.0 / 3.0 * 5.0);
	expect(s, "p3", "5.9", 5.0);
	/* 5.10 (5): min 10, max 40 */
	expect(s, "p1", "5.10", 0.0);
	expect(s, "p2", "5.10", 2.5);
	expect(s, "p3", "5.10", 5.0);
	/* 8.6 (20): min 0.5, max 2 */
	expect(s, "p1", "8.6", 0.0);
	expect(s, "p2", "8.6", 20.0);
	expect(s, "p3", "8.6", 10.0);
	/* 8.7 (20): min 1, max 3 */
	expect(s, "p1", "8.7", 20.0);
	expect(s, "p2", "8.7", 0.0);
	expect(s, "p3", "8.7", 5.0);
	score_free(s);
	round_free(r);
	finish();
}

/* 4.5, 4.6, 4.11: Min-Max of the ratio. */
static void
test_minmax_ratio(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;

	(void)state;
	/* 4.5: (a+b+c+d)/(e+f) = 50/5000 = 0.01, 0.03, 0.02; p4 e+f = 0 */
	put(r, "p1",
	    "4.5.a=10 4.5.b=20 4.5.c=5 4.5.d=15 4.5.e=1000 4.5.f=4000 "
	    "4.6.a=30 4.6.b=3000 4.11.a=100000 4.11.b=1000000");
	put(r, "p2",
	    "4.5.a=40 4.5.b=50 4.5.c=30 4.5.d=30 4.5.e=2000 4.5.f=3000 "
	    "4.6.a=90 4.6.b=3000 4.11.a=300000 4.11.b=1000000");
	put(r, "p3",
	    "4.5.a=25 4.5.b=25 4.5.c=25 4.5.d=25 4.5.e=2000 4.5.f=3000 "
	    "4.6.a=60 4.6.b=4000 4.11.a=200000 4.11.b=1000000");
	put(r, "p4",
	    "4.5.a=0 4.5.b=0 4.5.c=0 4.5.d=0 4.5.e=0 4.5.f=0 "
	    "4.6.b=2000 4.11.a=0 4.11.b=0");
	s = score_round(r, NULL, NULL);
	expect(s, "p1", "4.5", 0.0);
	expect(s, "p2", "4.5", 10.0);
	expect(s, "p3", "4.5", 5.0);
	expect_st(s, "p4", "4.5", 0.0, SC_DIV0);
	/* 4.6: 0.01, 0.03, 0.015 -> 0, 10, 2.5; p4 lacks 4.6.a */
	expect(s, "p1", "4.6", 0.0);
	expect(s, "p2", "4.6", 10.0);
	expect(s, "p3", "4.6", 2.5);
	expect_st(s, "p4", "4.6", 0.0, SC_MISSING);
	/* 4.11 (5): 0.1, 0.3, 0.2 -> 0, 5, 2.5; p4 b = 0 */
	expect(s, "p1", "4.11", 0.0);
	expect(s, "p2", "4.11", 5.0);
	expect(s, "p3", "4.11", 2.5);
	expect_st(s, "p4", "4.11", 0.0, SC_DIV0);
	score_free(s);
	round_free(r);
	finish();
}

/* Two units with a zero denominator: neither takes part. */
static void
test_minmax_two_div0(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;

	(void)state;
	put(r, "z1", "4.6.a=0 4.6.b=0");
	put(r, "p1", "4.6.a=20 4.6.b=1000");
	put(r, "z2", "4.6.a=0 4.6.b=0");
	put(r, "p2", "4.6.a=40 4.6.b=1000");
	put(r, "p3", "4.6.a=30 4.6.b=1000");
	s = score_round(r, NULL, NULL);
	expect_st(s, "z1", "4.6", 0.0, SC_DIV0);
	expect_st(s, "z2", "4.6", 0.0, SC_DIV0);
	expect(s, "p1", "4.6", 0.0);
	expect(s, "p2", "4.6", 10.0);
	expect(s, "p3", "4.6", 5.0);
	score_free(s);
	round_free(r);
	finish();
}

/* ------------------------------------------------------------------ */
/* 7.10: x / best * points                                             */

static void
test_relbest_7_10(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;

	(void)state;
	put(r, "p1", "7.10.a=300 7.10.b=1000"); /* 0.3, best */
	put(r, "p2", "7.10.a=150 7.10.b=1000"); /* 0.15 */
	put(r, "p3", "7.10.a=0 7.10.b=500"); /* 0 */
	put(r, "p4", "7.10.a=5 7.10.b=0"); /* zero denominator */
	put(r, "p5", "7.10.b=800"); /* missing a */
	put(r, "p6", "7.10.a=100 7.10.b=1000"); /* 0.1 */
	s = score_round(r, NULL, NULL);
	expect(s, "p1", "7.10", 10.0);
	expect(s, "p2", "7.10", 5.0);
	expect(s, "p3", "7.10", 0.0);
	expect_st(s, "p4", "7.10", 0.0, SC_DIV0);
	expect_st(s, "p5", "7.10", 0.0, SC_MISSING);
	expect(s, "p6", "7.10", 10.0 / 3.0);
	score_free(s);
	round_free(r);
	finish();
}

/* 7.10: a may exceed b (domains are not a part of enterprises). */
static void
test_relbest_above_one(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;

	(void)state;
	put(r, "p1", "7.10.a=2000 7.10.b=1000");
	put(r, "p2", "7.10.a=1000 7.10.b=1000");
	put(r, "p3", "7.10.a=500 7.10.b=1000");
	s = score_round(r, NULL, NULL);
	expect(s, "p1", "7.10", 10.0);
	expect(s, "p2", "7.10", 5.0);
	expect(s, "p3", "7.10", 2.5);
	score_free(s);
	round_free(r);
	finish();
}

/* Best 0: everyone scores 0. */
static void
test_relbest_best_zero(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;

	(void)state;
	put(r, "p1", "7.10.a=0 7.10.b=1000");
	put(r, "p2", "7.10.a=0 7.10.b=2000");
	s = score_round(r, NULL, NULL);
	expect(s, "p1", "7.10", 0.0);
	expect(s, "p2", "7.10", 0.0);
	score_free(s);
	round_free(r);
	/* alone: nothing to compare with */
	one_st("7.10.a=7 7.10.b=1000", "7.10", 0.0, SC_NOBOUNDS);
	/* with a best of 0,014 as a bound: 0,007 / 0,014 x 10 = 5 */
	r = round_new(G_M);
	put(r, "u", "7.10.a=7 7.10.b=1000");
	round_set_bounds(r, method_indicator(G_M, "7.10"), 0, 0.014);
	s = score_round(r, NULL, NULL);
	expect(s, "u", "7.10", 5.0);
	score_free(s);
	round_free(r);
	finish();
}

/* ------------------------------------------------------------------ */
/* missing input, zero denominator                                     */

static void
test_missing(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;

	(void)state;
	put(r, "u",
	    "3.3.a=1000 1.2.national_sessions=1 6.12.a=100 6.12.b=90 "
	    "2.1=1 5.12.1.a=1 5.12.1.b=1 3.6.a=7 6.22.a=1 6.22.c=10");
	s = score_round(r, NULL, NULL);
	expect_st(s, "u", "3.3", 0.0, SC_MISSING); /* no 3.3.b */
	expect_st(s, "u", "1.2", 0.0, SC_MISSING); /* one part of two */
	expect_st(s, "u", "6.12", 0.0, SC_MISSING); /* no 6.12.c */
	expect_st(s, "u", "5.12.1", 0.0, SC_MISSING); /* no c */
	expect_st(s, "u", "3.6", 0.0, SC_MISSING); /* no 3.6.c */
	expect_st(s, "u", "6.22", 0.0, SC_MISSING); /* no 6.22.b */
	expect_st(s, "u", "1.1", 0.0, SC_MISSING); /* nothing at all */
	expect_st(s, "u", "5.1", 0.0, SC_MISSING);
	expect_st(s, "u", "7.10", 0.0, SC_MISSING);
	expect_st(s, "u", "8.8", 0.0, SC_MISSING);
	expect(s, "u", "2.1", 5.0);
	score_free(s);
	round_free(r);
	finish();
}

static void
test_zero_denominator(void **state)
{
	(void)state;
	one_st("3.3.a=0 3.3.b=0", "3.3", 0.0, SC_DIV0);
	one_st("1.3.a=2 1.3.b=0", "1.3", 0.0, SC_DIV0);
	one_st("7.9.a=5 7.9.b=0", "7.9", 0.0, SC_DIV0);
	one_st("4.12.a=0 4.12.b=0", "4.12", 0.0, SC_DIV0);
	one_st("6.8.a=0 6.8.b=0", "6.8", 0.0, SC_DIV0);
	one_st("6.11.a=0 6.11.b=0 6.11.c=0 6.11.d=0", "6.11", 0.0, SC_DIV0);
	one_st("6.12.a=0 6.12.b=0 6.12.c=0", "6.12", 0.0, SC_DIV0);
	one_st("6.13.a=0 6.13.b=0 6.13.c=0 6.13.d=0", "6.13", 0.0, SC_DIV0);
	one_st("6.22.a=0 6.22.b=0 6.22.c=0", "6.22", 0.0, SC_DIV0);
	one_st("5.12.1.a=0 5.12.1.b=0 5.12.1.c=0", "5.12.1", 0.0, SC_DIV0);
	one_st("7.1.a=0 7.1.b=0", "7.1", 0.0, SC_DIV0);
	one_st("8.2.a=0 8.2.b=0", "8.2", 0.0, SC_DIV0);
	one_st("4.5.a=0 4.5.b=0 4.5.c=0 4.5.d=0 4.5.e=0 4.5.f=0", "4.5", 0.0,
	    SC_DIV0);
	one_st("7.10.a=0 7.10.b=0", "7.10", 0.0, SC_DIV0);
	finish();
}

/* ------------------------------------------------------------------ */
/* groups and derived figures                                          */

/* Fill every input with a value that earns full points. */
static void
put_full(struct round *r, const char *unit)
{
	int i, u = round_unit(r, unit, strlen(unit));

	for (i = 0; i < G_M->m_ninputs; i++) {
		switch (G_M->m_inputs[i].mi_kind) {
		case IK_TEXT: round_set_text(r, u, i, "x", 0); break;
		case IK_CHOICE: break; /* below, by option code */
		default: round_set(r, u, i, 1.0, 0); break;
		}
	}
	put(r, unit,
	    "1.1=leader 1.4=weekly 1.8=weekly 1.10=weekly "
	    "3.5.datacenter=standard 6.19=personalized 6.20=personalized "
	    "1.5.articles=20 3.6.a=7 3.6.c=7 4.5.e=2 4.5.f=2 5.12.1.c=2 "
	    "5.12.2=2 5.12.3=2 5.12.4=2 5.12.5=2 5.12.6=2 6.12.a=2 6.21=10 "
	    "6.22.c=2 8.8=20");
}

/*
 * A lone unit's cross-unit indicators need reference bounds: 0 to its own
 * value (which the lone round's statistics hold), as if it were the best.
 */
static void
bound_to_self(struct round *r)
{
	struct score *s = score_round(r, NULL, NULL);
	int i;

	for (i = 0; i < G_M->m_nind; i++) {
		const struct expr *ex = G_M->m_ind[i].mn_expr;

		if (ex != NULL && expr_ncross(ex) > 0)
			round_set_bounds(
			    r, i, 0, s->sco_cross[s->sco_cross_off[i]].xc_max);
	}
	score_free(s);
}

static void
test_totals_full(void **state)
{
	static const struct {
		const char *code;
		double v;
	} want[] = {
		{ "I", 100 },
		{ "II", 100 },
		{ "III", 100 },
		{ "IV", 100 },
		{ "V", 100 },
		{ "VI", 200 },
		{ "VII", 150 },
		{ "VIII", 150 },
		{ "IX", 0 },
		{ "TOTAL", 1000 },
		{ "INDEX", 1 },
		{ "CQS", 1 },
		{ "KTS", 1 },
		{ "XHS", 1 },
	};
	struct round *r = round_new(G_M);
	struct score *s;
	size_t i;
	int c;

	(void)state;
	put_full(r, "full");
	bound_to_self(r);
	s = score_round(r, NULL, NULL);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		expect(s, "full", want[i].code, want[i].v);
	/* every indicator at its max */
	for (c = 0; c < s->sco_ncols; c++) {
		int k;

		if (score_col(s, c, &k) != COL_INDICATOR)
			continue;
		expect(s, "full", score_col_code(s, c), score_col_max(s, c));
	}
	score_free(s);
	round_free(r);
	finish();
}

/*
 * Full marks except: 1.1 deputy (-5), 2.3 no (-10), 3.3 1/2 (-5), 4.1 no
 * (-10), 5.12.2 0.5 tỷ (-1.4), 6.8 0 of 1 (-10), 7.1 10 % (2 of 20: -18),
 * 8.8 5 activities (-15).
 */
static void
test_totals_mixed(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;

	(void)state;
	put_full(r, "mix");
	put(r, "mix",
	    "1.1=deputy 2.3=0 3.3.a=1 3.3.b=2 4.1=0 5.12.2=0.5 6.8.a=0 "
	    "7.1.a=0.1 7.1.b=1 8.8=5");
	bound_to_self(r);
	s = score_round(r, NULL, NULL);
	expect(s, "mix", "I", 95.0);
	expect(s, "mix", "II", 90.0);
	expect(s, "mix", "III", 95.0);
	expect(s, "mix", "IV", 90.0);
	expect(s, "mix", "5.12", 13.6);
	expect(s, "mix", "V", 98.6);
	expect(s, "mix", "VI", 190.0);
	expect(s, "mix", "VII", 132.0);
	expect(s, "mix", "VIII", 135.0);
	expect(s, "mix", "IX", 0.0);
	/* 95 + 90 + 95 + 90 + 98.6 + 190 + 132 + 135 = 925.6 */
	expect(s, "mix", "TOTAL", 925.6);
	expect(s, "mix", "INDEX", 0.9256);
	/* (95 + 90 + 95 + 90 + 98.6 + 190) / 700 = 658.6 / 700 */
	expect(s, "mix", "CQS", 658.6 / 700.0);
	/* (468.6 + 132) / 650 = 600.6 / 650 = 0.924 */
	expect(s, "mix", "KTS", 0.924);
	/* (468.6 + 135) / 650 = 603.6 / 650 */
	expect(s, "mix", "XHS", 603.6 / 650.0);
	score_free(s);
	round_free(r);
	finish();
}

/* A unit with next to nothing: the figures rest on what there is. */
static void
test_totals_sparse(void **state)
{
	struct round *r = round_new(G_M);
	struct score *s;

	(void)state;
	put(r, "u", "2.1=1 7.7.a=1 7.7.b=2 8.8=3");
	s = score_round(r, NULL, NULL);
	expect_st(s, "u", "I", 0.0, ST_ANY);
	expect_st(s, "u", "II", 5.0, ST_ANY);
	expect_st(s, "u", "VII", 5.0, ST_ANY);
	expect_st(s, "u", "VIII", 3.0, ST_ANY);
	expect_st(s, "u", "TOTAL", 13.0, ST_ANY);
	expect_st(s, "u", "INDEX", 0.013, ST_ANY);
	expect_st(s, "u", "CQS", 5.0 / 700.0, ST_ANY);
	expect_st(s, "u", "KTS", 10.0 / 650.0, ST_ANY);
	expect_st(s, "u", "XHS", 8.0 / 650.0, ST_ANY);
	score_free(s);
	round_free(r);
	finish();
}

/* Max points of every row, as in the plan's "Điểm tối đa" column. */
static void
test_max_points(void **state)
{
	static const struct {
		const char *code;
		double max;
	} want[] = {
		{ "1.1", 10 },
		{ "1.2", 10 },
		{ "1.3", 10 },
		{ "1.4", 10 },
		{ "1.5", 10 },
		{ "1.6", 10 },
		{ "1.7", 10 },
		{ "1.8", 10 },
		{ "1.9", 10 },
		{ "1.10", 10 },
		{ "2.1", 5 },
		{ "2.2", 5 },
		{ "2.3", 10 },
		{ "2.4", 10 },
		{ "2.5", 10 },
		{ "2.6", 10 },
		{ "2.7", 10 },
		{ "2.8", 10 },
		{ "2.9", 10 },
		{ "2.10", 10 },
		{ "2.11", 10 },
		{ "3.1", 10 },
		{ "3.2", 10 },
		{ "3.3", 10 },
		{ "3.4", 10 },
		{ "3.5", 30 },
		{ "3.6", 20 },
		{ "3.7", 10 },
		{ "4.1", 10 },
		{ "4.2", 10 },
		{ "4.3", 10 },
		{ "4.4", 10 },
		{ "4.5", 10 },
		{ "4.6", 10 },
		{ "4.7", 10 },
		{ "4.8", 5 },
		{ "4.9", 5 },
		{ "4.10", 5 },
		{ "4.11", 5 },
		{ "4.12", 5 },
		{ "4.13", 5 },
		{ "5.1", 10 },
		{ "5.2", 10 },
		{ "5.3", 10 },
		{ "5.4", 10 },
		{ "5.5", 5 },
		{ "5.6", 10 },
		{ "5.7", 10 },
		{ "5.8", 5 },
		{ "5.9", 5 },
		{ "5.10", 5 },
		{ "5.11", 5 },
		{ "5.12", 15 },
		{ "5.12.1", 5 },
		{ "5.12.2", 2 },
		{ "5.12.3", 2 },
		{ "5.12.4", 2 },
		{ "5.12.5", 2 },
		{ "5.12.6", 2 },
		{ "6.1", 10 },
		{ "6.2", 5 },
		{ "6.3", 10 },
		{ "6.4", 5 },
		{ "6.5", 5 },
		{ "6.6", 5 },
		{ "6.7", 10 },
		{ "6.8", 10 },
		{ "6.9", 10 },
		{ "6.10", 10 },
		{ "6.11", 10 },
		{ "6.12", 20 },
		{ "6.13", 5 },
		{ "6.14", 5 },
		{ "6.15", 10 },
		{ "6.16", 10 },
		{ "6.17", 10 },
		{ "6.18", 10 },
		{ "6.19", 10 },
		{ "6.20", 10 },
		{ "6.21", 10 },
		{ "6.22", 10 },
		{ "7.1", 20 },
		{ "7.2", 20 },
		{ "7.3", 10 },
		{ "7.4", 20 },
		{ "7.5", 10 },
		{ "7.6", 10 },
		{ "7.7", 10 },
		{ "7.8", 10 },
		{ "7.9", 10 },
		{ "7.10", 10 },
		{ "7.11", 10 },
		{ "7.12", 10 },
		{ "8.1", 20 },
		{ "8.2", 20 },
		{ "8.3", 20 },
		{ "8.4", 20 },
		{ "8.5", 10 },
		{ "8.6", 20 },
		{ "8.7", 20 },
		{ "8.8", 20 },
		{ "9.1", 0 },
		{ "9.2", 0 },
		{ "9.3", 0 },
		{ "I", 100 },
		{ "II", 100 },
		{ "III", 100 },
		{ "IV", 100 },
		{ "V", 100 },
		{ "VI", 200 },
		{ "VII", 150 },
		{ "VIII", 150 },
		{ "IX", 0 },
		{ "TOTAL", 1000 },
		{ "INDEX", 1 },
		{ "CQS", 1 },
		{ "KTS", 1 },
		{ "XHS", 1 },
	};
	struct round *r = round_new(G_M);
	struct score *s;
	size_t i;

	(void)state;
	put(r, "u", "2.1=1");
	s = score_round(r, NULL, NULL);
	/* 104 indicator rows, 9 groups, 5 figures: nothing more, nothing less */
	check(sizeof(want) / sizeof(want[0]) == 118);
	check(s->sco_ncols == 118);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		int c = score_col_of(s, want[i].code);

		check(c >= 0);
		if (c < 0)
			continue;
		g_asserts++;
		if (score_col_max(s, c) != want[i].max)
			soft_msg("%s: max %g, the plan says %g", want[i].code,
			    score_col_max(s, c), want[i].max);
	}
	score_free(s);
	round_free(r);
	finish();
}

/* ------------------------------------------------------------------ */

int
main(int argc, char **argv)
{
	static const struct CMUnitTest yesno_choice[] = {
		cmocka_unit_test(test_yesno),
		cmocka_unit_test(test_half_half_1_2),
		cmocka_unit_test(test_yesno_parts),
		cmocka_unit_test(test_choice),
		cmocka_unit_test(test_1_5),
		cmocka_unit_test(test_3_5),
		cmocka_unit_test(test_9x),
	};
	static const struct CMUnitTest ratio[] = {
		cmocka_unit_test(test_ratio_3_3),
		cmocka_unit_test(test_ratio_all),
		cmocka_unit_test(test_cap_1_3),
		cmocka_unit_test(test_3_6),
		cmocka_unit_test(test_ratio_sums),
	};
	static const struct CMUnitTest threshold[] = {
		cmocka_unit_test(test_threshold_literal),
		cmocka_unit_test(test_threshold_scaled),
		cmocka_unit_test(test_6_8),
	};
	static const struct CMUnitTest tiers[] = {
		cmocka_unit_test(test_tiers_5_12_1),
		cmocka_unit_test(test_tiers_5_12_2),
		cmocka_unit_test(test_5_12_sum),
	};
	static const struct CMUnitTest caps[] = {
		cmocka_unit_test(test_caps),
	};
	static const struct CMUnitTest minmax[] = {
		cmocka_unit_test(test_minmax_5_1),
		cmocka_unit_test(test_minmax_missing_excluded),
		cmocka_unit_test(test_minmax_all_equal),
		cmocka_unit_test(test_minmax_counts),
		cmocka_unit_test(test_minmax_ratio),
		cmocka_unit_test(test_minmax_two_div0),
	};
	static const struct CMUnitTest relbest[] = {
		cmocka_unit_test(test_relbest_7_10),
		cmocka_unit_test(test_relbest_above_one),
		cmocka_unit_test(test_relbest_best_zero),
	};
	static const struct CMUnitTest status[] = {
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_zero_denominator),
	};
	static const struct CMUnitTest totals[] = {
		cmocka_unit_test(test_totals_full),
		cmocka_unit_test(test_totals_mixed),
		cmocka_unit_test(test_totals_sparse),
		cmocka_unit_test(test_max_points),
	};
	const char *only = argc > 1 ? argv[1] : NULL;
	int failed = 0, ran = 0;

#define GROUP(name) \
	do { \
		if (only == NULL || strcmp(only, #name) == 0) { \
			failed += cmocka_run_group_tests_name( \
			    #name, name, golden_setup, golden_teardown); \
			ran++; \
		} \
	} while (0)
	GROUP(yesno_choice);
	GROUP(ratio);
	GROUP(threshold);
	GROUP(tiers);
	GROUP(caps);
	GROUP(minmax);
	GROUP(relbest);
	GROUP(status);
	GROUP(totals);
#undef GROUP
	if (ran == 0) {
		fprintf(stderr, "test_rules: no group '%s'\n", only);
		return 2;
	}
	printf("test_rules: %ld assertions\n", g_asserts);
	return failed != 0;
}
