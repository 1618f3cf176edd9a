#!/usr/bin/env python3
"""messages.py: every message of dti exists in both languages.

    python3 tests/style/messages.py SOURCE_DIR

Reads every .c file under src/ and finds each call whose arguments hold
a Vietnamese text followed by its English one: the calls of the
bilingual functions listed in BILINGUAL (by the position of their two
texts), and any call where a string literal with Vietnamese letters is
followed by another string literal argument. For each pair it checks
that both texts are non-empty once the printf directives that print
nothing ("%.0s") are removed, that the English text has no Vietnamese
letters (an English slot that says Vietnamese is the bug it guards
against), that a diag_add never passes a fixed text through "%s"
(diag_put is for fixed texts), and that no message of src/app, src/api or
src/auth names a command-line option ("--comment"): the API returns those
messages, and its clients have no flags (the CLI adds its own hint). Prints
every finding as file:line and ends with "N passed, M failed".
"""
import os
import re
import sys

# function name -> index of its Vietnamese text (the English one follows)
BILINGUAL = {
    "diag_add": 6, "diag_put": 6, "cli_msg": 1, "api_error": 4,
    "error_json": 4, "sq_seterr": 2, "rerr": 2, "fail": 2,
    "expect": 2, "need_reason": 1,
}
VI_LETTERS = set("àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡ"
                 "ùúụủũưừứựửữỳýỵỷỹđ")
VI_LETTERS |= {c.upper() for c in VI_LETTERS}
# names that stay Vietnamese in English text
NAMES = ("Sở TTTT",)
# the layers whose messages the API returns: no command-line option in them
NO_FLAGS = ("src/app/", "src/api/", "src/auth/")
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")


def has_vi(s, names=()):
    for nm in names:
        s = s.replace(nm, "")
    return any(c in VI_LETTERS for c in s)


def strip_comments(text):
    """Comments become spaces (newlines kept, so lines stay right)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split_args(text, start):
    """Arguments of the call whose '(' is at ${start}: [(text, offset)]."""
    args, depth, i, a0 = [], 0, start + 1, start + 1
    n = len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                args.append((text[a0:i], a0))
                return args
            depth -= 1
        elif c == "," and depth == 0:
            args.append((text[a0:i], a0))
            a0 = i + 1
        i += 1
    return args


LIT = re.compile(r'\s*((?:"(?:[^"\\]|\\.)*"\s*)+)$', re.S)


def literal(arg):
    """The value of an argument made only of string literals, or None."""
    m = LIT.match(arg)
    if not m:
        return None
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))
    return "".join(parts)


def printed(fmt):
    """What a format prints apart from its arguments."""
    return re.sub(r"%\.0s|%%", "", fmt)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "."
    passed, failed = 0, 0
    call = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
    for root, _dirs, files in os.walk(os.path.join(src, "src")):
        for f in sorted(files):
            if not f.endswith(".c"):
                continue
            path = os.path.join(root, f)
            with open(path, encoding="utf-8") as fh:
                text = strip_comments(fh.read())
            rel = os.path.relpath(path, src)
            for m in call.finditer(text):
                name = m.group(1)
                if name in ("if", "while", "for", "switch", "return",
                            "sizeof"):
                    continue
                args = split_args(text, m.end() - 1)
                lits = [literal(a) for a, _ in args]
                pairs = set()
                if name in BILINGUAL and len(args) > BILINGUAL[name] + 1:
                    pairs.add(BILINGUAL[name])
                for k in range(len(lits) - 1):
                    if lits[k] is not None and lits[k + 1] is not None \
                            and has_vi(lits[k]):
                        pairs.add(k)
                for k in sorted(pairs):
                    vi, en = lits[k], lits[k + 1]
                    line = text.count("\n", 0, args[k][1]) + 1
                    where = "%s:%d: %s()" % (rel, line, name)
                    bad = []
                    if vi is not None and printed(vi).strip() == "":
                        bad.append("empty Vietnamese text")
                    if en is not None and printed(en).strip() == "":
                        bad.append("empty English text")
                    if en is not None and has_vi(en, NAMES):
                        bad.append("Vietnamese letters in the English "
                                   "text %r" % en)
                    if rel.replace(os.sep, "/").startswith(NO_FLAGS):
                        for t in (vi, en):
                            if t is not None and FLAG.search(t):
                                bad.append("the message %r names the "
                                           "command-line option %s" %
                                           (t, FLAG.search(t).group(0)))
                    if name == "diag_add" and vi == "%s" and en == "%s":
                        bad.append('fixed text through "%s": use diag_put')
                    if bad:
                        failed += 1
                        print("%s: %s" % (where, "; ".join(bad)))
                    else:
                        passed += 1
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or passed == 0 else 0)


if __name__ == "__main__":
    main()
