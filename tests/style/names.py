#!/usr/bin/env python3
"""names.py: names that do not collide.

    python3 tests/style/names.py SOURCE_DIR

Fails, naming each case, when
  1. a struct field prefix (the letters before the first '_', as in
     `sv_status`) is used by two structs anywhere under src/: a prefix
     tells a reader which struct a field belongs to;
  2. a function declared in a header under src/ does not start with its
     module's prefix: the header's name (`buf_` for buf.h, `method_` for
     method_yaml.h's module `method`), or one of the prefixes PREFIXES
     allows for that header with the reason.
Ends with "N passed, M failed".
"""
import collections
import os
import re
import sys

# header -> other prefixes its functions may carry, and why
PREFIXES = {
    "src/util/buf.h": ("x",),  # xmalloc & co.: die on no memory (OpenBSD)
    "src/cli/cli.h": ("cmd_",),  # one cmd_* per subcommand
    "src/io/csv_quote.h": ("csvq_",),
    # one prefix per enum: value_status_*, role_* ...
    "src/domain/domain.h": ("value_status_", "period_status_",
                            "task_status_", "role_", "target_state_",
                            "review_event_"),
}


def strip(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "."
    passed = failed = 0
    owners = collections.defaultdict(set)
    headers = []
    for root, _dirs, files in os.walk(os.path.join(src, "src")):
        for f in sorted(files):
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(root, f)
            rel = os.path.relpath(path, src)
            with open(path, encoding="utf-8") as fh:
                text = strip(fh.read())
            for m in re.finditer(r"struct\s+(\w+)\s*\{(.*?)\n\};", text,
                                 re.S):
                for fld in re.findall(
                        r"\b([a-z]{1,5})_\w+\s*(?:\[[^\]]*\])*\s*;",
                        m.group(2)):
                    owners[fld].add("%s (%s)" % (m.group(1), rel))
            if f.endswith(".h"):
                headers.append((rel, f, text))
    for prefix, structs in sorted(owners.items()):
        names = {s.split(" ")[0] for s in structs}
        if len(names) > 1:
            failed += 1
            print("field prefix %s_ is used by %s" %
                  (prefix, ", ".join(sorted(structs))))
        else:
            passed += 1
    for rel, f, text in headers:
        module = f[:-2]
        allowed = (module + "_", module.split("_")[0] + "_") + \
            PREFIXES.get(rel, ())
        for name in re.findall(
                r"^[a-z][^;(){}#=]*?\b([a-z_][a-z0-9_]*)\s*\(", text, re.M):
            if name.startswith(allowed):
                passed += 1
            else:
                failed += 1
                print("%s: %s() does not carry the module's prefix (%s)" %
                      (rel, name, " ".join(allowed)))
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
