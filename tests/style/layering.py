#!/usr/bin/env python3
"""layering.py: the layering of docs/architecture is a test, not a habit.

Run as: python3 layering.py SOURCE_DIR. Fails (exit 1), naming file and
line, when
  1. store_tx_* or a store function that writes (store.h tags its doc
     comment "[writes]") is called outside src/app and src/store;
     src/cli and src/api call no store function at all (reads too go
     through app_*);
  2. sqlite3 appears outside src/store (the store's own tests under
     tests/db may use it);
  3. a status, role or target-state literal ("draft", "admin", "met" ...)
     appears outside src/domain and src/store: use the enums of
     domain/domain.h and their _name/_parse/_label;
  4. src/api or src/cli include store/store.h.

A line may opt out of check 3 with a comment containing "layering-ok:"
and the reason (a verb, a login, a JSON key that is no state). The
EXCEPTIONS below are the files still allowed to break a rule, each with
why; the list may only shrink.
"""

import os
import re
import sys

# (rule, path relative to the source tree): why it is still allowed
EXCEPTIONS = {
}

LITERALS = ("draft", "submitted", "approved", "open", "closed",
            "not_started", "in_progress", "done", "admin", "coordinator",
            "officer", "viewer", "met", "not_met", "no_data",
            "not_measured", "no_target")
# store.h marks each function that writes: its doc comment begins with
# this tag, right before the prototype
WRITE_TAG = "[writes]"

failures = []


def fail(rule, path, line, text):
    failures.append("%s:%d: %s: %s" % (path, line, rule, text.strip()))


def sources(src, top, exts=(".c", ".h")):
    root = os.path.join(src, top)
    for d, _, files in os.walk(root):
        for f in sorted(files):
            if f.endswith(exts):
                full = os.path.join(d, f)
                yield os.path.relpath(full, src), full


def strip_comments(text):
    """Comments become blanks (line breaks kept, so lines still count),
    except those saying "layering-ok:", which stay as markers."""
    def blank(m):
        c = m.group(0)
        if "layering-ok:" in c:
            return c
        return re.sub(r"[^\n]", " ", c)
    return re.sub(r"/\*.*?\*/|//[^\n]*", blank, text, flags=re.S)


def store_writes(src):
    """The functions of store.h that write: those whose doc comment,
    right before the prototype, begins with WRITE_TAG."""
    with open(os.path.join(src, "src/store/store.h"), encoding="utf-8") as f:
        text = f.read()
    names = []
    for m in re.finditer(r"/\*((?:(?!\*/).)*)\*/\s*\n[^;{/]*?\b(store_[a-z_]+)\s*\(",
                         text, flags=re.S):
        comment = re.sub(r"^[\s*]+", "", m.group(1))
        if comment.startswith(WRITE_TAG):
            names.append(m.group(2))
    tags = re.findall(r"/\*[\s*]*" + re.escape(WRITE_TAG), text)
    if len(tags) != len(names):
        return None  # a tag that no prototype follows
    return sorted(names)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "."
    writes = store_writes(src)
    if (writes is None or "store_tx_begin" not in writes or
            "store_value_write" not in writes):
        print("layering: cannot read the writing functions of store.h "
              "(each doc comment of one begins with %s)" % WRITE_TAG)
        return 1
    write_re = re.compile(r"\b(%s)\s*\(" % "|".join(writes))
    any_store_re = re.compile(r"\bstore_[a-z_]+\s*\(")
    lit_re = re.compile(r'"(%s)"' % "|".join(LITERALS))
    inc_re = re.compile(r'#\s*include\s*"store/')
    for top in ("src", "tests", "fuzz", "bench"):
        for rel, full in sources(src, top):
            with open(full, encoding="utf-8") as f:
                text = f.read()
            code = strip_comments(text).split("\n")
            in_src = rel.startswith("src/")
            layer = rel.split("/")[1] if in_src else None
            for n, line in enumerate(code, 1):
                if ("sqlite3" in line and layer != "store" and
                        not rel.startswith("tests/db/") and
                        ("sqlite3", rel) not in EXCEPTIONS):
                    fail("sqlite3 outside src/store", rel, n, line)
                if not in_src:
                    continue
                if (layer not in ("app", "store") and write_re.search(line)
                        and ("writes", rel) not in EXCEPTIONS):
                    fail("store write outside src/app", rel, n, line)
                if layer in ("cli", "api"):
                    if any_store_re.search(line):
                        fail("store call in %s/ (go through app_*)" % layer,
                             rel, n, line)
                    if inc_re.search(line):
                        fail("%s/ includes store/" % layer, rel, n, line)
                if (layer not in ("domain", "store") and
                        lit_re.search(line) and "layering-ok:" not in line
                        and ("literals", rel) not in EXCEPTIONS):
                    fail("state literal (use domain/domain.h)", rel, n,
                         line)
    for f in failures:
        print(f)
    print("layering: %d violation%s" % (len(failures),
                                        "" if len(failures) == 1 else "s"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
