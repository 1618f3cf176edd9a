#!/usr/bin/env python3
"""thresholds.py: every threshold of a methodology holds exactly.

    python3 thresholds.py DTI METHODOLOGY.yaml [--keep FILE]

Walks the score rule of every indicator of the methodology for its
comparisons (`if r >= T`, `if E >= T`, `tiers(E, t1, v1, ...)`), and for
each threshold builds three units whose inputs put E exactly at T, just
below it and just above it. Amounts get decimal inputs, chosen where binary
floating point gets the comparison wrong (1234.6 / 6173 < 20 % in doubles);
counts get whole numbers. The expected scores are worked out with exact
fractions from the rule itself; `DTI score` of the generated round must give
them. Rules with cross-unit functions (minmax, relbest) have no threshold
and are left out. Prints one line per case that fails and a summary; exits
1 when any case fails or no case was generated.
"""
import itertools
import re
import subprocess
import sys
import tempfile
from fractions import Fraction as F

AMOUNT_BASES = ["6173", "9", "0.2", "0.7", "617.3", "12345.6", "0.3", "1.1"]
COUNT_BASES = ["6173", "1000", "400", "7", "20000", "3", "10"]


def parse(path):
    """Indicators as dicts: code, points, inputs [(name, kind)], score,
    checks [expr]: the file's own layout (one key a line), no YAML library."""
    inds, cur, in_alt = [], None, False
    code_indent = None
    for line in open(path, encoding="utf-8"):
        m = re.match(r'^(\s*)- code: "([^"]+)"', line)
        if m and "." in m.group(2) and not m.group(2).startswith("A"):
            cur = {"code": m.group(2), "inputs": [], "checks": [],
                   "score": None, "points": None}
            code_indent = len(m.group(1)) + 2
            in_alt = False
            inds.append(cur)
            continue
        if cur is None:
            continue
        ind = len(line) - len(line.lstrip())
        s = line.strip()
        if ind == code_indent and s.startswith("alternatives:"):
            in_alt = True
        elif ind == code_indent and not s.startswith("- "):
            in_alt = False
        if in_alt:
            continue
        if ind == code_indent and s.startswith("points:"):
            cur["points"] = F(s.split(":", 1)[1].strip())
        elif ind == code_indent and s.startswith("score:"):
            cur["score"] = s.split(":", 1)[1].strip().strip("'\"")
        elif s.startswith('- name: "'):
            cur["inputs"].append([s.split('"')[1], None])
        elif s.startswith("kind:") and cur["inputs"]:
            cur["inputs"][-1][1] = s.split(":", 1)[1].strip()
        elif s.startswith("- {expr:"):
            cur["checks"].append(re.search(r'expr: "([^"]+)"', s).group(1))
    return [i for i in inds if i["score"]]


def var_of(code, name):
    return "x" if name == code else name[len(code) + 1:]


def to_py(expr):
    """The rule language (numeric subset) as a Python expression over
    Fractions: N% is N/100, let and if become lambda and conditional."""
    e = re.sub(r"(\d+(?:\.\d+)?)%", r'(F("\1")/100)', expr)
    e = re.sub(r'(?<![\w".])(\d+(?:\.\d+)?)(?![\w"])', r'F("\1")', e)
    m = re.match(r"let (\w+) = (.+?); (.*)$", e)
    if m:
        return "(lambda %s: %s)(%s)" % (m.group(1), to_py_if(m.group(3)),
                                        m.group(2))
    return to_py_if(e)


def to_py_if(e):
    m = re.match(r"if (.+?) then (.+?) else (.+)$", e)
    if m:
        return "((%s) if (%s) else (%s))" % (m.group(2), m.group(1),
                                             m.group(3))
    return e


def tiers(x, *a):
    for i in range(0, len(a) - 1, 2):
        if x >= a[i]:
            return a[i + 1]
    return a[-1]


def evaluate(expr, env, num=F):
    env = dict(env)
    env["tiers"], env["F"], env["min"] = tiers, num, min
    env["__builtins__"] = {}
    return eval(to_py(expr), env)


def top_split(s):
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        cur += ch
    out.append(cur.strip())
    return out


def comparisons(score):
    """(expression, threshold text) of each comparison in ${score}."""
    found = []
    m = re.match(r"let (\w+) = (.+?); if \1 >= (\S+) then", score)
    if m:
        found.append((m.group(2), m.group(3)))
    m = re.match(r"if (.+?) >= (\S+) then", score)
    if m:
        found.append((m.group(1), m.group(2)))
    m = re.search(r"tiers\((.*)\)", score)
    if m:
        args = top_split(m.group(1))
        for i in range(1, len(args) - 1, 2):
            found.append((args[0], args[i]))
    return found


def fmt(v):
    """A Fraction with a finite decimal expansion as exchange text, never of
    the ambiguous shape d{1,3}.ddd (a zero is added)."""
    k = 0
    while (v * 10 ** k).denominator != 1:
        k += 1
        if k > 8:
            return None
    whole = v * 10 ** k
    s = str(whole.numerator)
    if k:
        s = s.rjust(k + 1, "0")
        s = s[:-k] + "." + s[-k:]
    if re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", s):
        s += "0"
    return s


def build(ind, expr, t):
    """Inputs that put ${expr} exactly at threshold ${t}: a dict var ->
    (value, kind), the free var and its step; None if none found."""
    kinds = {var_of(ind["code"], n): k for n, k in ind["inputs"]}
    used = [v for v in kinds if re.search(r"\b%s\b" % v, expr)]
    others = [v for v in kinds if v not in used]
    best = None
    for free in used:
        rest = [v for v in used if v != free]
        cands = [AMOUNT_BASES if kinds[v] == "amount" else COUNT_BASES
                 for v in rest]
        for combo in itertools.product(*cands):
            env = {v: F(c) for v, c in zip(rest, combo)}
            for v in others:
                env[v] = F(1)
            try:
                e0 = evaluate(expr, {**env, free: F(0)})
                e1 = evaluate(expr, {**env, free: F(1)})
                e2 = evaluate(expr, {**env, free: F(2)})
            except ZeroDivisionError:
                continue
            if e1 - e0 == 0 or e2 - e1 != e1 - e0:
                continue
            x = (t - e0) / (e1 - e0)
            count = kinds[free] != "amount"
            if x <= 0 or (count and x.denominator != 1) or fmt(x) is None:
                continue
            env[free] = x
            step = F(1) if count else F(1, 10000)
            if any(not evaluate(c, env) for c in ind["checks"]):
                continue
            # prefer inputs whose double arithmetic misses the threshold
            fl = {k: float(v) for k, v in env.items()}
            try:
                wrong = evaluate(expr, fl, num=float) < float(t)
            except ZeroDivisionError:
                wrong = False
            if best is None or (wrong and not best[3]):
                best = (dict(env), free, step, wrong)
            if wrong or all(k != "amount" for k in kinds.values()):
                return best
    return best


def main():
    dti, meth = sys.argv[1], sys.argv[2]
    keep = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--keep" \
        else None
    rows, want = ["unit,input,value"], {}
    nbad = nwrong = 0
    for ind in parse(meth):
        if re.search(r"minmax|relbest|\"", ind["score"]):
            continue
        for expr, ttext in comparisons(ind["score"]):
            t = evaluate(ttext, {})
            got = build(ind, expr, t)
            if got is None:
                print("no inputs found for %s at %s" % (ind["code"], ttext))
                nbad += 1
                continue
            env, free, step, wrong = got
            nwrong += wrong
            for where, delta in (("at", 0), ("below", -1), ("above", 1)):
                e = dict(env)
                e[free] = env[free] + delta * step
                if e[free] < 0 or any(not evaluate(c, e)
                                      for c in ind["checks"]):
                    continue  # e.g. above 100 % where a <= b
                unit = "t%s-%s-%s" % (ind["code"].replace(".", "_"),
                                      re.sub(r"\W", "_", ttext), where)
                texts = {}
                for v, x in e.items():
                    texts[v] = fmt(x)
                for name, _k in ind["inputs"]:
                    rows.append("%s,%s,%s" % (unit, name,
                                              texts[var_of(ind["code"],
                                                           name)]))
                full = {v: F(texts[v]) for v in texts}
                score = evaluate(ind["score"],
                                 {**full, "points": ind["points"]})
                score = max(F(0), min(score, ind["points"]))
                want[(unit, ind["code"])] = (score, where, ttext, texts)
    text = "\n".join(rows) + "\n"
    if keep:
        open(keep, "w", encoding="utf-8").write(text)
    with tempfile.NamedTemporaryFile("w", suffix=".csv") as f:
        f.write(text)
        f.flush()
        p = subprocess.run([dti, "score", "--quiet", "--methodology", meth,
                            f.name], capture_output=True, text=True)
    if p.returncode != 0:
        print(p.stderr)
        return 1
    scores = {}
    for line in p.stdout.splitlines()[1:]:
        u, c, s = line.split(",")[:3]
        scores[(u, c)] = F(s)
    for key, (score, where, ttext, texts) in sorted(want.items()):
        got = scores.get(key)
        if got is None or abs(got - score) > F(1, 10 ** 6):
            nbad += 1
            print("%s %s %s %s: %s, expected %s" % (
                key[1], where, ttext, texts,
                None if got is None else float(got), float(score)))
    print("%d threshold cases, %d failed; %d thresholds reached with inputs "
          "whose double arithmetic misses them" % (len(want), nbad, nwrong))
    return 1 if nbad or not want else 0


if __name__ == "__main__":
    sys.exit(main())
