#!/usr/bin/env python3
"""worksheet.py: the hand computation behind the golden expected scores.

This is a calculator, not a second scoring engine to trust blindly: every
rule below is transcribed from the "Cách xác định và tính điểm" column of
Appendix 2 of plan 4233/KH-UBND (shared/seed/ke-hoach-4233-KH-UBND-2022.txt)
and the readings of shared/spec/exchange-format.md, NOT from the methodology
YAML or from dti's output. For each round it writes

  NAME.round.csv      the input, in the exchange format
  NAME.expected.csv   unit,code,score,max,status (status: indicators only)
  NAME.expected.md    the arithmetic of every row, to be checked by eye

Run it from this directory: python3 worksheet.py. Numbers are invented test
data (số liệu giả định), realistic in size, not published figures.
"""

import csv
import io

# ---------------------------------------------------------------- plan
# (code, max points) in the order of Appendix 2; 5.12's parts follow it.
POINTS = [
    ("1.1", 10), ("1.2", 10), ("1.3", 10), ("1.4", 10), ("1.5", 10),
    ("1.6", 10), ("1.7", 10), ("1.8", 10), ("1.9", 10), ("1.10", 10),
    ("2.1", 5), ("2.2", 5), ("2.3", 10), ("2.4", 10), ("2.5", 10),
    ("2.6", 10), ("2.7", 10), ("2.8", 10), ("2.9", 10), ("2.10", 10),
    ("2.11", 10),
    ("3.1", 10), ("3.2", 10), ("3.3", 10), ("3.4", 10), ("3.5", 30),
    ("3.6", 20), ("3.7", 10),
    ("4.1", 10), ("4.2", 10), ("4.3", 10), ("4.4", 10), ("4.5", 10),
    ("4.6", 10), ("4.7", 10), ("4.8", 5), ("4.9", 5), ("4.10", 5),
    ("4.11", 5), ("4.12", 5), ("4.13", 5),
    ("5.1", 10), ("5.2", 10), ("5.3", 10), ("5.4", 10), ("5.5", 5),
    ("5.6", 10), ("5.7", 10), ("5.8", 5), ("5.9", 5), ("5.10", 5),
    ("5.11", 5), ("5.12", 15), ("5.12.1", 5), ("5.12.2", 2),
    ("5.12.3", 2), ("5.12.4", 2), ("5.12.5", 2), ("5.12.6", 2),
    ("6.1", 10), ("6.2", 5), ("6.3", 10), ("6.4", 5), ("6.5", 5),
    ("6.6", 5), ("6.7", 10), ("6.8", 10), ("6.9", 10), ("6.10", 10),
    ("6.11", 10), ("6.12", 20), ("6.13", 5), ("6.14", 5), ("6.15", 10),
    ("6.16", 10), ("6.17", 10), ("6.18", 10), ("6.19", 10), ("6.20", 10),
    ("6.21", 10), ("6.22", 10),
    ("7.1", 20), ("7.2", 20), ("7.3", 10), ("7.4", 20), ("7.5", 10),
    ("7.6", 10), ("7.7", 10), ("7.8", 10), ("7.9", 10), ("7.10", 10),
    ("7.11", 10), ("7.12", 10),
    ("8.1", 20), ("8.2", 20), ("8.3", 20), ("8.4", 20), ("8.5", 10),
    ("8.6", 20), ("8.7", 20), ("8.8", 20),
    ("9.1", 0), ("9.2", 0), ("9.3", 0),
]
P = dict(POINTS)
GROUPS = [("I", 100), ("II", 100), ("III", 100), ("IV", 100), ("V", 100),
          ("VI", 200), ("VII", 150), ("VIII", 150), ("IX", 0)]
MAX = dict(POINTS + GROUPS + [("TOTAL", 1000), ("INDEX", 1), ("CQS", 1),
                              ("KTS", 1), ("XHS", 1)])
ROMAN = {str(i + 1): g for i, (g, _) in enumerate(GROUPS)}


def group_of(code):
    return ROMAN[code.split(".")[0]]


def top_level(code):
    return code.count(".") == 1


class Div0(Exception):
    pass


class Missing(Exception):
    def __init__(self, names):
        super().__init__(names)
        self.names = names


def fmt(x):
    """A number as written in the worksheet."""
    if isinstance(x, str):
        return x
    if float(x).is_integer():
        return str(int(x))
    return ("%.10f" % x).rstrip("0").rstrip(".")


def div(a, b):
    if b == 0:
        raise Div0()
    return a / b


# ---------------------------------------------------------------- rules
# Each rule takes the unit's values v (a dict; get raises Missing) and
# returns (score before the cap, arithmetic text). Cross-unit rules return
# the quantity x compared across units; see CROSS.

def yn(code):
    def f(v):
        x = v(code)
        return x * P[code], "%s × %s" % (fmt(x), fmt(P[code]))
    return f


def choice(code, full, half):
    def f(v):
        x = v(code)
        p = P[code]
        s = p if x == full else p / 2 if x == half else 0
        return s, "%s → %s" % (x, fmt(s))
    return f


def plain(code):
    """Tỷ lệ=a/b; Điểm=Tỷ lệ*Điểm tối đa."""
    def f(v):
        a, b = v(code + ".a"), v(code + ".b")
        return div(a, b) * P[code], "%s / %s × %s" % (fmt(a), fmt(b),
                                                       fmt(P[code]))
    return f


def literal(code, t):
    """Tỷ lệ ≥ T: điểm tối đa; Tỷ lệ < T: điểm = điểm tối đa * tỷ lệ."""
    def f(v):
        a, b = v(code + ".a"), v(code + ".b")
        r = div(a, b)
        p = P[code]
        if r >= t:
            return p, "%s / %s = %s ≥ %s → %s" % (fmt(a), fmt(b), fmt(r),
                                                  fmt(t), fmt(p))
        return r * p, "%s / %s = %s < %s → %s × %s" % (
            fmt(a), fmt(b), fmt(r), fmt(t), fmt(r), fmt(p))
    return f


def scaled_r(code, r, t, text):
    """Tỷ lệ>=T: Điểm tối đa; Tỷ lệ<T: Tỷ lệ/T*Điểm tối đa."""
    p = P[code]
    if r >= t:
        return p, "%s = %s ≥ %s → %s" % (text, fmt(r), fmt(t), fmt(p))
    return r / t * p, "%s = %s < %s → %s / %s × %s" % (
        text, fmt(r), fmt(t), fmt(r), fmt(t), fmt(p))


def scaled(code, t):
    def f(v):
        a, b = v(code + ".a"), v(code + ".b")
        return scaled_r(code, div(a, b), t, "%s / %s" % (fmt(a), fmt(b)))
    return f


def r_1_2(v):
    n, c = v("1.2.national_sessions"), v("1.2.chairs_meetings")
    return (n + c) * 5, "(%s + %s) × 1/2 × 10" % (fmt(n), fmt(c))


def r_1_5(v):
    s, n = v("1.5.section"), v("1.5.articles")
    if not s:
        return 0, "chưa có chuyên mục → 0"
    if n >= 20:
        return 10, "có chuyên mục, %s tin bài ≥ 20 → 10" % fmt(n)
    if n >= 10:
        return 5, "có chuyên mục, %s tin bài (10–19) → 1/2 × 10" % fmt(n)
    return 2.5, "có chuyên mục, %s tin bài < 10 → 1/4 × 10" % fmt(n)


def r_3_5(v):
    dc, cl = v("3.5.datacenter"), v("3.5.gov_cloud")
    d = {"standard": 15, "nonstandard": 7.5, "none": 0}[dc]
    return d + cl * 15, "%s → %s; gov_cloud %s × 15" % (dc, fmt(d), fmt(cl))


def r_3_6(v):
    a, c = v("3.6.a"), v("3.6.c")
    return (a / 7 * 10 + div(c, a) * 10,
            "%s / 7 × 1/2 × 20 + %s / %s × 1/2 × 20" % (fmt(a), fmt(c),
                                                        fmt(a)))


def r_5_12_1(v):
    a, b, c = v("5.12.1.a"), v("5.12.1.b"), v("5.12.1.c")
    r = div(a + b, c)
    s = 5 if r >= 0.10 else 3.5 if r >= 0.07 else 1.5 if r >= 0.03 else 0
    return s, "(%s + %s) / %s = %s → %s" % (fmt(a), fmt(b), fmt(c), fmt(r),
                                            fmt(s))


def tier_amount(code):
    def f(v):
        x = v(code)
        s = 2 if x >= 2 else 1.4 if x >= 1 else 0.6 if x >= 0.5 else 0
        return s, "%s tỷ → %s" % (fmt(x), fmt(s))
    return f


def parts(code, weights):
    def f(v):
        s, text = 0, []
        for name, w in weights:
            x = v(code + "." + name)
            s += x * w
            text.append("%s × %s" % (fmt(x), fmt(w)))
        return s, " + ".join(text)
    return f


def r_6_8(v):
    a, b = v("6.8.a"), v("6.8.b")
    r = div(a, b)
    return (10 if r >= 1 else 0), "%s / %s = %s" % (fmt(a), fmt(b), fmt(r))


def r_6_11(v):
    a, b, c, d = (v("6.11." + k) for k in "abcd")
    return div(c + d, a + b) * 10, "(%s + %s) / (%s + %s) × 10" % (
        fmt(c), fmt(d), fmt(a), fmt(b))


def r_6_12(v):
    a, b, c = v("6.12.a"), v("6.12.b"), v("6.12.c")
    return scaled_r("6.12", div(b + c, a), 0.8, "(%s + %s) / %s" % (
        fmt(b), fmt(c), fmt(a)))


def r_6_13(v):
    a, b, c, d = (v("6.13." + k) for k in "abcd")
    return div(a + b, c + d) * 5, "(%s + %s) / (%s + %s) × 5" % (
        fmt(a), fmt(b), fmt(c), fmt(d))


def r_6_14(v):
    a, b, c, d = (v("6.14." + k) for k in "abcd")
    return div(b + d, a + c) * 5, "(%s + %s) / (%s + %s) × 5" % (
        fmt(b), fmt(d), fmt(a), fmt(c))


def r_6_22(v):
    a, b, c = v("6.22.a"), v("6.22.b"), v("6.22.c")
    return scaled_r("6.22", div(a + b, c), 0.01, "(%s + %s) / %s" % (
        fmt(a), fmt(b), fmt(c)))


def capped_count(code):
    def f(v):
        x = v(code)
        return min(x, P[code]), "%s hoạt động × 1, tối đa %s" % (
            fmt(x), fmt(P[code]))
    return f


def zero(code):
    def f(v):
        v(code)
        return 0, "không tính điểm"
    return f


# Cross-unit: the quantity x compared over the round.
def x_ratio(code):
    def f(v):
        a, b = v(code + ".a"), v(code + ".b")
        return div(a, b), "%s / %s" % (fmt(a), fmt(b))
    return f


def x_4_5(v):
    a, b, c, d, e, f_ = (v("4.5." + k) for k in "abcdef")
    return div(a + b + c + d, e + f_), "(%s + %s + %s + %s) / (%s + %s)" % (
        fmt(a), fmt(b), fmt(c), fmt(d), fmt(e), fmt(f_))


def x_input(code):
    def f(v):
        x = v(code)
        return x, fmt(x)
    return f


RULES = {
    "1.1": choice("1.1", "leader", "deputy"),
    "1.2": r_1_2,
    "1.3": plain("1.3"),
    "1.4": choice("1.4", "weekly", "less_than_weekly"),
    "1.5": r_1_5,
    "1.6": yn("1.6"), "1.7": yn("1.7"),
    "1.8": choice("1.8", "weekly", "monthly"),
    "1.9": yn("1.9"),
    "1.10": choice("1.10", "weekly", "monthly"),
    "3.1": plain("3.1"), "3.2": plain("3.2"), "3.3": plain("3.3"),
    "3.4": plain("3.4"), "3.5": r_3_5, "3.6": r_3_6, "3.7": plain("3.7"),
    "4.7": plain("4.7"), "4.8": plain("4.8"), "4.9": scaled("4.9", 0.5),
    "4.10": plain("4.10"), "4.12": literal("4.12", 0.8),
    "4.13": literal("4.13", 0.7),
    "5.2": plain("5.2"), "5.3": plain("5.3"), "5.4": plain("5.4"),
    "5.5": plain("5.5"), "5.6": plain("5.6"), "5.7": plain("5.7"),
    "5.8": plain("5.8"), "5.11": plain("5.11"),
    "5.12.1": r_5_12_1,
    "6.1": parts("6.1", [("compliant", 8), ("ipv6", 2)]),
    "6.2": parts("6.2", [("deployed", 2.5), ("compliant", 2.5)]),
    "6.3": parts("6.3", [("merged", 2), ("compliant", 6), ("ipv6", 2)]),
    "6.4": parts("6.4", [("info", 2.5), ("services", 2.5)]),
    "6.5": yn("6.5"),
    "6.6": plain("6.6"), "6.7": plain("6.7"), "6.8": r_6_8,
    "6.9": plain("6.9"), "6.10": plain("6.10"), "6.11": r_6_11,
    "6.12": r_6_12, "6.13": r_6_13, "6.14": r_6_14,
    "6.15": yn("6.15"), "6.16": yn("6.16"),
    "6.17": parts("6.17", [("agencies", 5), ("devices", 5)]),
    "6.18": yn("6.18"),
    "6.19": choice("6.19", "personalized", "deployed"),
    "6.20": choice("6.20", "personalized", "deployed"),
    "6.21": capped_count("6.21"), "6.22": r_6_22,
    "7.1": literal("7.1", 0.20), "7.2": literal("7.2", 0.05),
    "7.3": literal("7.3", 0.10), "7.4": literal("7.4", 0.10),
    "7.5": literal("7.5", 0.50), "7.6": literal("7.6", 0.80),
    "7.7": plain("7.7"), "7.8": literal("7.8", 0.50),
    "7.9": literal("7.9", 0.05), "7.11": literal("7.11", 0.0025),
    "7.12": literal("7.12", 0.0025),
    "8.1": plain("8.1"), "8.2": scaled("8.2", 0.8),
    "8.3": scaled("8.3", 0.5), "8.4": plain("8.4"),
    "8.5": scaled("8.5", 0.7), "8.8": capped_count("8.8"),
}
for _i in range(1, 12):
    RULES["2.%d" % _i] = yn("2.%d" % _i)
for _i in range(1, 5):
    RULES["4.%d" % _i] = yn("4.%d" % _i)
for _k in range(2, 7):
    RULES["5.12.%d" % _k] = tier_amount("5.12.%d" % _k)
for _i in range(1, 4):
    RULES["9.%d" % _i] = zero("9.%d" % _i)

# Min-Max: (x − min)/(max − min) × points; relbest: x / best × points.
CROSS = {
    "4.5": ("minmax", x_4_5), "4.6": ("minmax", x_ratio("4.6")),
    "4.11": ("minmax", x_ratio("4.11")), "5.1": ("minmax", x_input("5.1")),
    "5.9": ("minmax", x_input("5.9")), "5.10": ("minmax", x_input("5.10")),
    "8.6": ("minmax", x_input("8.6")), "8.7": ("minmax", x_input("8.7")),
    "7.10": ("relbest", x_ratio("7.10")),
}
assert set(RULES) | set(CROSS) | {"5.12"} == set(P), \
    set(P) ^ (set(RULES) | set(CROSS) | {"5.12"})


# ---------------------------------------------------------------- scoring
def score_round(units):
    """units: list of (id, {input: value}). Returns rows and notes."""
    res = {}  # (unit, code) -> (score, status, text)

    def getter(vals):
        def v(name):
            if name not in vals:
                raise Missing([name])
            return vals[name]
        return v

    def missing_names(vals, code):
        # the inputs of an indicator, as the contract names them
        return sorted(n for n in INPUTS[code] if n not in vals)

    for uid, vals in units:
        v = getter(vals)
        for code, rule in RULES.items():
            miss = missing_names(vals, code)
            if miss:
                res[uid, code] = (0, "missing", "thiếu " + ", ".join(miss))
                continue
            try:
                s, text = rule(v)
            except Div0:
                res[uid, code] = (0, "zero_denominator",
                                  "mẫu số bằng 0 → 0")
                continue
            capped = min(max(s, 0), P[code])
            if capped != s:
                text += " = %s, tối đa %s" % (fmt(s), fmt(P[code]))
            res[uid, code] = (capped, "ok", text)
    for code, (kind, xf) in CROSS.items():
        xs = {}
        for uid, vals in units:
            miss = missing_names(vals, code)
            if miss:
                res[uid, code] = (0, "missing", "thiếu " + ", ".join(miss))
                continue
            try:
                xs[uid] = xf(getter(vals))
            except Div0:
                res[uid, code] = (0, "zero_denominator",
                                  "mẫu số bằng 0 → 0, không tham gia")
        if not xs:
            continue
        vals_ = [x for x, _ in xs.values()]
        lo, hi = min(vals_), max(vals_)
        p = P[code]
        for uid, (x, xt) in xs.items():
            if len(xs) < 2:
                # nothing to compare with and no reference bounds (issue
                # 11): 0, never full marks
                res[uid, code] = (0, "no_bounds",
                                  "x = %s = %s; một đơn vị, không có giới "
                                  "hạn tham chiếu → 0" % (xt, fmt(x)))
                continue
            if kind == "relbest":
                s = x / hi * p if hi > 0 else 0
                text = "x = %s = %s; best %s → %s / %s × %s" % (
                    xt, fmt(x), fmt(hi), fmt(x), fmt(hi), fmt(p))
            elif hi == lo:
                s = p if hi > 0 else 0
                text = "x = %s = %s; all %d units equal %s → %s" % (
                    xt, fmt(x), len(xs), fmt(hi), fmt(s))
            else:
                s = (x - lo) / (hi - lo) * p
                text = "x = %s = %s; (x − %s) / (%s − %s) × %s" % (
                    xt, fmt(x), fmt(lo), fmt(hi), fmt(lo), fmt(p))
            res[uid, code] = (min(s, p), "ok", text)
    rows = []
    for uid, _ in units:
        part = [res[uid, "5.12.%d" % k] for k in range(1, 7)]
        res[uid, "5.12"] = (min(sum(p_[0] for p_ in part), 15), "",
                            " + ".join(fmt(p_[0]) for p_ in part))
        g = {}
        for gc, _ in GROUPS:
            codes = [c for c, _ in POINTS if top_level(c) and
                     group_of(c) == gc]
            g[gc] = sum(res[uid, c][0] for c in codes)
            res[uid, gc] = (g[gc], "", " + ".join(
                fmt(res[uid, c][0]) for c in codes))
        base = sum(g[x] for x in ("I", "II", "III", "IV", "V"))
        total = sum(g.values())
        res[uid, "TOTAL"] = (total, "", " + ".join(fmt(g[x]) for x, _ in
                                                    GROUPS))
        res[uid, "INDEX"] = (total / 1000, "", "%s / 1000" % fmt(total))
        res[uid, "CQS"] = ((base + g["VI"]) / 700, "",
                           "(%s + %s) / 700" % (fmt(base), fmt(g["VI"])))
        res[uid, "KTS"] = ((base + g["VII"]) / 650, "",
                           "(%s + %s) / 650" % (fmt(base), fmt(g["VII"])))
        res[uid, "XHS"] = ((base + g["VIII"]) / 650, "",
                           "(%s + %s) / 650" % (fmt(base), fmt(g["VIII"])))
        for code in [c for c, _ in POINTS] + [g_ for g_, _ in GROUPS] + [
                "TOTAL", "INDEX", "CQS", "KTS", "XHS"]:
            s, st, text = res[uid, code]
            rows.append((uid, code, s, st, text))
    return rows


# The inputs of each indicator (exchange format, "Input names").
INPUTS = {}


def _inputs():
    for code, _ in POINTS:
        INPUTS[code] = []
    single = (["1.1", "1.4", "1.6", "1.7", "1.8", "1.9", "1.10", "5.1",
               "5.9", "5.10", "6.5", "6.15", "6.16", "6.18", "6.19", "6.20",
               "6.21", "8.6", "8.7", "8.8", "9.1", "9.2", "9.3"] +
              ["2.%d" % i for i in range(1, 12)] +
              ["4.%d" % i for i in range(1, 5)] +
              ["5.12.%d" % i for i in range(2, 7)])
    for c in single:
        INPUTS[c] = [c]
    named = {
        "1.2": ["national_sessions", "chairs_meetings"],
        "1.5": ["section", "articles"],
        "3.5": ["datacenter", "gov_cloud"], "3.6": ["a", "c"],
        "4.5": list("abcdef"), "5.12.1": list("abc"),
        "6.1": ["compliant", "ipv6"], "6.2": ["deployed", "compliant"],
        "6.3": ["merged", "compliant", "ipv6"],
        "6.4": ["info", "services"], "6.11": list("abcd"),
        "6.12": list("abc"), "6.13": list("abcd"), "6.14": list("abcd"),
        "6.17": ["agencies", "devices"], "6.22": list("abc"),
    }
    for c, names in named.items():
        INPUTS[c] = ["%s.%s" % (c, n) for n in names]
    for c, _ in POINTS:
        if not INPUTS[c] and c != "5.12":
            INPUTS[c] = [c + ".a", c + ".b"]


_inputs()

# ---------------------------------------------------------------- data
GENERAL = ["A.%d" % i for i in range(1, 21)]


def parse_spec(text):
    """'name=value name=value' -> dict; numbers become floats."""
    out = {}
    for tok in text.split():
        k, v = tok.split("=", 1)
        try:
            out[k] = float(v)
        except ValueError:
            out[k] = v
    return out


def ordered_inputs():
    names = list(GENERAL)
    for code, _ in POINTS:
        names += INPUTS[code]
    return names


def write_round(name, units, notes, general):
    names = ordered_inputs()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["unit", "input", "value", "note"])
    for uid, vals in units:
        first = True
        for n in GENERAL:
            if n in general.get(uid, {}):
                w.writerow([uid, n, general[uid][n],
                            notes if first else ""])
                first = False
        for n in names:
            if n in GENERAL or n not in vals:
                continue
            x = vals[n]
            w.writerow([uid, n, fmt(x), ""])
    with open(name + ".round.csv", "w", encoding="utf-8") as f:
        f.write(buf.getvalue())


def write_expected(name, title, units, rows, extra_md):
    with open(name + ".expected.csv", "w", encoding="utf-8") as f:
        f.write("unit,code,score,max,status\n")
        for uid, code, s, st, _ in rows:
            f.write("%s,%s,%.9f,%s,%s\n" % (uid, code, s, fmt(MAX[code]),
                                            st))
    with open(name + ".expected.md", "w", encoding="utf-8") as f:
        f.write("# %s: expected scores, worked by hand\n\n" % title)
        f.write(
            "Round: `%s.round.csv`. Expected: `%s.expected.csv` "
            "(status given for indicators only).\n\n" % (name, name))
        f.write(
            "Each row gives the plan's rule (Appendix 2 of plan "
            "4233/KH-UBND, read as shared/spec/exchange-format.md says) "
            "with the unit's numbers. Scores are capped at the "
            "indicator's max. `worksheet.py` did the arithmetic.\n\n")
        f.write(extra_md)
        for uid, _ in units:
            f.write("\n## %s\n\n| code | arithmetic | score | status |\n"
                    "|---|---|---|---|\n" % uid)
            for u2, code, s, st, text in rows:
                if u2 == uid:
                    f.write("| %s | %s | %s | %s |\n" % (
                        code, text.replace("|", "/"), "%.6f" % s, st))


# --- round 1: one province, every input -------------------------------
NT_GENERAL = {
    "A.1": "Tỉnh Ninh Thuận", "A.2": "450 đường 16 Tháng 4, TP. Phan Rang - "
    "Tháp Chàm", "A.3": "https://www.ninhthuan.gov.vn", "A.4": "595000",
    "A.5": "380000", "A.6": "155000", "A.7": "7", "A.8": "65", "A.9": "300",
    "A.10": "40", "A.11": "1900", "A.12": "14500", "A.13": "85",
    "A.14": "4300", "A.15": "42", "A.16": "3900", "A.17": "3700",
    "A.18": "70", "A.19": "96.5", "A.20": "1850",
}
NT = parse_spec("""
1.1=leader 1.2.national_sessions=1 1.2.chairs_meetings=1 1.3.a=4 1.3.b=6
1.4=less_than_weekly 1.5.section=1 1.5.articles=14 1.6=1 1.7=1 1.8=monthly
1.9=1 1.10=weekly
2.1=1 2.2=1 2.3=1 2.4=1 2.5=1 2.6=0 2.7=1 2.8=0 2.9=0 2.10=1 2.11=1
3.1.a=412000 3.1.b=595000 3.2.a=118000 3.2.b=155000 3.3.a=104500
3.3.b=155000 3.4.a=65 3.4.b=65 3.5.datacenter=nonstandard 3.5.gov_cloud=1
3.6.a=5 3.6.c=3 3.7.a=1 3.7.b=5
4.1=1 4.2=1 4.3=1 4.4=0 4.5.a=12 4.5.b=85 4.5.c=9 4.5.d=64 4.5.e=1900
4.5.f=14500 4.6.a=58 4.6.b=16400 4.7.a=4200 4.7.b=16400 4.8.a=1 4.8.b=3
4.9.a=65 4.9.b=1450 4.10.a=21500 4.10.b=380000 4.11.a=35400 4.11.b=595000
4.12.a=2 4.12.b=5 4.13.a=205 4.13.b=270
5.1=31 5.2.a=18 5.2.b=31 5.3.a=62 5.3.b=85 5.4.a=3650 5.4.b=4300 5.5.a=7
5.5.b=9 5.6.a=12 5.6.b=42 5.7.a=20 5.7.b=42 5.8.a=15 5.8.b=42 5.9=2 5.10=14
5.11.a=13 5.11.b=14 5.12.1.a=2.8 5.12.1.b=1.9 5.12.1.c=96.5 5.12.2=0.8
5.12.3=1.2 5.12.4=0.35 5.12.5=0.5 5.12.6=2.5
6.1.compliant=1 6.1.ipv6=0 6.2.deployed=1 6.2.compliant=0 6.3.merged=1
6.3.compliant=1 6.3.ipv6=0 6.4.info=1 6.4.services=1 6.5=1 6.6.a=14
6.6.b=20 6.7.a=23 6.7.b=41 6.8.a=402 6.8.b=402 6.9.a=96 6.9.b=410 6.10.a=38
6.10.b=410 6.11.a=95 6.11.b=288 6.11.c=52 6.11.d=201 6.12.a=186000
6.12.b=12400 6.12.c=71300 6.13.a=42000 6.13.b=2100 6.13.c=96000
6.13.d=3100 6.14.a=5200 6.14.b=4870 6.14.c=640 6.14.d=598 6.15=1 6.16=1
6.17.agencies=1 6.17.devices=0 6.18=0 6.19=deployed 6.20=none 6.21=3
6.22.a=28.5 6.22.b=19.7 6.22.c=9850
7.1.a=2350 7.1.b=33800 7.2.a=165 7.2.b=3900 7.3.a=12 7.3.b=3900 7.4.a=410
7.4.b=3700 7.5.a=1250 7.5.b=3700 7.6.a=1900 7.6.b=3900 7.7.a=3780
7.7.b=3900 7.8.a=66 7.8.b=70 7.9.a=8200 7.9.b=152000 7.10.a=2100
7.10.b=3900 7.11.a=12.5 7.11.b=9850 7.12.a=6.8 7.12.b=9850
8.1.a=268000 8.1.b=595000 8.2.a=312000 8.2.b=455000 8.3.a=48000
8.3.b=455000 8.4.a=61000 8.4.b=155000 8.5.a=96000 8.5.b=380000 8.6=4.2
8.7=2.6 8.8=6
9.1=1 9.2=0 9.3=0
""")


def variant(base, text):
    out = dict(base)
    for k, v in parse_spec(text).items():
        if v == "-":
            del out[k]
        else:
            out[k] = v
    return out


# --- round 2: five provinces, cross-unit rules --------------------------
# Everything is filled for every unit except: phu-yen lacks 5.1, 4.6.a and
# 7.10.a (missing); lam-dong has 4.6.b = 0 and 7.10.b = 0 and no
# universities (4.8, 4.9: 0 of 0), i.e. zero denominators.
BT = variant(NT, """
1.1=deputy 1.3.a=2 1.3.b=6 1.4=weekly 1.5.articles=25 1.8=weekly
1.10=monthly 2.6=1 2.8=1
3.1.a=820000 3.1.b=1240000 3.2.a=270000 3.2.b=320000 3.3.a=211000
3.3.b=320000 3.4.a=124 3.4.b=124 3.5.datacenter=standard 3.6.a=6 3.6.c=6
3.7.a=2 3.7.b=6
4.4=1 4.5.a=20 4.5.b=140 4.5.c=15 4.5.d=110 4.5.e=3300 4.5.f=24000
4.6.a=95 4.6.b=27300 4.11.a=96000 4.11.b=1240000
5.1=48 5.9=4 5.10=22
7.10.a=5200 7.10.b=8100 8.6=7.5 8.7=3.1
""")
KH = variant(NT, """
1.3.a=6 1.3.b=6 1.5.articles=40 1.8=weekly 2.8=1 2.9=1
3.1.a=920000 3.1.b=1250000 3.2.a=300000 3.2.b=340000 3.3.a=265000
3.3.b=340000 3.4.a=139 3.4.b=139 3.5.datacenter=standard 3.6.a=7 3.6.c=7
4.4=1 4.5.a=35 4.5.b=160 4.5.c=30 4.5.d=140 4.5.e=3600 4.5.f=26000
4.6.a=140 4.6.b=29600 4.11.a=188000 4.11.b=1250000
5.1=75 5.9=6 5.10=41
6.19=personalized 6.20=deployed 6.21=12
7.10.a=11800 7.10.b=10500 8.6=12.8 8.7=5.4 8.8=23
""")
LD = variant(NT, """
1.1=none 1.4=none 1.5.section=0 1.5.articles=0 1.8=less_than_monthly
1.10=less_than_monthly 2.4=0 2.5=0
3.1.a=850000 3.1.b=1330000 3.2.a=290000 3.2.b=370000 3.3.a=188000
3.3.b=370000 3.4.a=130 3.4.b=142 3.5.datacenter=none 3.5.gov_cloud=0
3.6.a=0 3.6.c=0 3.7.a=0 3.7.b=0
4.5.a=8 4.5.b=70 4.5.c=5 4.5.d=50 4.5.e=3500 4.5.f=25500
4.6.a=0 4.6.b=0 4.8.a=0 4.8.b=0 4.9.a=0 4.9.b=0 4.11.a=60000
4.11.b=1330000
5.1=31 5.9=2 5.10=9 5.12.1.c=0 5.12.1.a=0 5.12.1.b=0
7.10.a=0 7.10.b=0 8.6=4.2 8.7=1.2 8.8=0
""")
PY = variant(NT, """
1.2.chairs_meetings=0 2.11=0
3.1.a=560000 3.1.b=875000 3.2.a=190000 3.2.b=240000 3.3.a=140000
3.3.b=240000 3.4.a=110 3.4.b=110
4.5.a=10 4.5.b=90 4.5.c=7 4.5.d=60 4.5.e=2400 4.5.f=17000
4.6.a=- 4.6.b=19400 4.11.a=52000 4.11.b=875000
5.1=- 5.9=2 5.10=22
7.10.a=- 7.10.b=4300 8.6=2.9 8.7=3.1
""")
CROSS_UNITS = [("ninh-thuan", NT), ("binh-thuan", BT), ("khanh-hoa", KH),
               ("lam-dong", LD), ("phu-yen", PY)]
CROSS_GENERAL = {
    "ninh-thuan": {"A.1": "Tỉnh Ninh Thuận", "A.4": "595000"},
    "binh-thuan": {"A.1": "Tỉnh Bình Thuận", "A.4": "1240000"},
    "khanh-hoa": {"A.1": "Tỉnh Khánh Hòa", "A.4": "1250000"},
    "lam-dong": {"A.1": "Tỉnh Lâm Đồng", "A.4": "1330000"},
    "phu-yen": {"A.1": "Tỉnh Phú Yên", "A.4": "875000"},
}

# --- round 3: Quảng Ninh, group fractions as published -------------------
QN = parse_spec("""
1.1=leader 1.2.national_sessions=1 1.2.chairs_meetings=1 1.3.a=581
1.3.b=1000 1.4=weekly 1.5.section=1 1.5.articles=35 1.6=1 1.7=1
1.8=weekly 1.9=1 1.10=weekly
2.1=1 2.2=1 2.3=0 2.4=1 2.5=1 2.6=1 2.7=1 2.8=1 2.9=1 2.10=1 2.11=1
3.1.a=600000 3.1.b=1000000 3.2.a=280000 3.2.b=350000 3.3.a=226800
3.3.b=350000 3.4.a=111 3.4.b=185 3.5.datacenter=standard 3.5.gov_cloud=1
3.6.a=7 3.6.c=7 3.7.a=0 3.7.b=7
4.1=1 4.2=1 4.3=1 4.4=1 4.5.a=20 4.5.b=100 4.5.c=10 4.5.d=70 4.5.e=3000
4.5.f=27000 4.6.a=150 4.6.b=30000 4.7.a=7500 4.7.b=30000 4.8.a=0 4.8.b=3
4.9.a=0 4.9.b=5000 4.10.a=0 4.10.b=800000 4.11.a=0 4.11.b=1350000
4.12.a=0 4.12.b=10 4.13.a=0 4.13.b=600
5.1=60 5.2.a=60 5.2.b=60 5.3.a=80 5.3.b=80 5.4.a=1910 5.4.b=5000 5.5.a=12
5.5.b=12 5.6.a=0 5.6.b=60 5.7.a=0 5.7.b=60 5.8.a=60 5.8.b=60 5.9=0 5.10=0
5.11.a=30 5.11.b=30 5.12.1.a=10 5.12.1.b=5 5.12.1.c=100 5.12.2=0 5.12.3=0
5.12.4=0 5.12.5=0 5.12.6=0
6.1.compliant=1 6.1.ipv6=1 6.2.deployed=1 6.2.compliant=1 6.3.merged=1
6.3.compliant=1 6.3.ipv6=1 6.4.info=1 6.4.services=1 6.5=1 6.6.a=20
6.6.b=20 6.7.a=50 6.7.b=50 6.8.a=99 6.8.b=100 6.9.a=300 6.9.b=300
6.10.a=81 6.10.b=300 6.11.a=400 6.11.b=600 6.11.c=400 6.11.d=600
6.12.a=100000 6.12.b=30000 6.12.c=60000 6.13.a=50000 6.13.b=5000
6.13.c=50000 6.13.d=5000 6.14.a=1000 6.14.b=1000 6.14.c=100 6.14.d=100
6.15=1 6.16=1 6.17.agencies=1 6.17.devices=1 6.18=1 6.19=deployed
6.20=none 6.21=12 6.22.a=100 6.22.b=50 6.22.c=10000
7.1.a=15000 7.1.b=100000 7.2.a=300 7.2.b=10000 7.3.a=1000 7.3.b=10000
7.4.a=800 7.4.b=10000 7.5.a=5000 7.5.b=10000 7.6.a=8000 7.6.b=10000
7.7.a=3360 7.7.b=10000 7.8.a=100 7.8.b=100 7.9.a=600 7.9.b=10000
7.10.a=5000 7.10.b=10000 7.11.a=30 7.11.b=10000 7.12.a=25 7.12.b=10000
8.1.a=700000 8.1.b=1000000 8.2.a=480000 8.2.b=800000 8.3.a=80000
8.3.b=800000 8.4.a=47875 8.4.b=100000 8.5.a=210000 8.5.b=600000 8.6=0
8.7=0 8.8=20
9.1=1 9.2=1 9.3=0
""")

NOTE = "số liệu giả định để kiểm thử (invented test data)"


def main():
    rounds = [
        ("single_province", "One province, every input",
         [("ninh-thuan", NT)], {"ninh-thuan": NT_GENERAL}, ""),
        ("cross_units", "Five provinces, cross-unit rules", CROSS_UNITS,
         CROSS_GENERAL,
         "Cross-unit rules compare the units present: phu-yen lacks "
         "5.1, 4.6.a and 7.10.a (missing: no part in min/max/best, 0); "
         "lam-dong has 4.6.b = 0 and 7.10.b = 0 (zero denominator: no "
         "part, 0), and 0 of 0 universities (4.8, 4.9), 5.12.1.c = 0, "
         "3.6.a = 0, 3.7.b = 0.\n"),
        ("quang_ninh", "Quảng Ninh 2022, published group fractions",
         [("quang-ninh", QN)], {"quang-ninh": {"A.1": "Tỉnh Quảng Ninh"}},
         "Inputs chosen so that the groups are 0.9581, 0.9000, 0.7648, "
         "0.6250, 0.5382, 0.8385, 0.5904, 0.4505 of their max; published "
         "INDEX 0.7024, CQS 0.7804, KTS 0.7187, XHS 0.6864, which need "
         "the national bounds of the cross-unit indicators: alone in its "
         "round (as here, without reference bounds) they score 0 "
         "(no_bounds). test_quang_ninh.c gives the bounds and finds the "
         "published figures.\n"),
    ]
    for name, title, units, general, extra in rounds:
        write_round(name, units, NOTE, general)
        rows = score_round(units)
        write_expected(name, title, units, rows, extra)
        for uid, code, s, _, _ in rows:
            if code in ("INDEX", "CQS", "KTS", "XHS"):
                print(name, uid, code, "%.6f" % s)


if __name__ == "__main__":
    main()
