#!/usr/bin/python3
"""lo_fill.py: fill dti work sheets in LibreOffice Calc, as an official
would, and save them as XLSX: headless, through python3-uno.

    /usr/bin/python3 lo_fill.py JOBS.json

Debian's python3 (the one python3-uno is for), not a version manager's.
JOBS.json is a list of jobs, all run by one LibreOffice started here (with
its own profile in a temporary directory) and stopped at the end:

    {"in": "so.xlsx", "out": "filled.xlsx",
     "cells": [{"input": "1.1", "text": "Trưởng ban là ..."},
               {"input": "3.3.a", "number": 98123, "doc": "12/QĐ-UBND"},
               {"input": "1.3.a", "formula": "=1+1"}]}

Each cell names the input whose row it fills (found by the sheet's hidden
input-code column) and what goes in its value column: "text" (typed as
text: setString), "number" (a number: setValue) or "formula"; "doc" fills
the evidence reference column. A job without cells re-saves the file
unchanged. Exits 0 when every job was saved, else prints why and exits 1.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue

SHEET = "Số liệu"
COL_VALUE = 7  # H, 0-based
COL_DOC = 8  # I
COL_INPUT = 11  # L: hidden input codes
HEADER = 4  # row 5, 0-based


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe, proc):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 120
    while True:
        try:
            return resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                raise
            time.sleep(0.25)


def input_rows(sheet):
    """Input code -> 0-based row, from the hidden column."""
    cur = sheet.createCursor()
    cur.gotoEndOfUsedArea(False)
    last = cur.getRangeAddress().EndRow
    rows = {}
    for r in range(HEADER + 1, last + 1):
        code = sheet.getCellByPosition(COL_INPUT, r).getString()
        if code:
            rows[code] = r
    return rows


def run_job(desktop, job):
    url = uno.systemPathToFileUrl(os.path.abspath(job["in"]))
    doc = desktop.loadComponentFromURL(url, "_blank", 0,
                                       (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError("LibreOffice could not open %s" % job["in"])
    try:
        sheet = doc.getSheets().getByName(SHEET)
        rows = input_rows(sheet)
        for c in job.get("cells", []):
            if c["input"] not in rows:
                raise RuntimeError("no row for input %s in %s" %
                                   (c["input"], job["in"]))
            r = rows[c["input"]]
            cell = sheet.getCellByPosition(COL_VALUE, r)
            if "text" in c:
                cell.setString(c["text"])
            elif "number" in c:
                cell.setValue(c["number"])
            elif "formula" in c:
                cell.setFormula(c["formula"])
            if "doc" in c:
                sheet.getCellByPosition(COL_DOC, r).setString(c["doc"])
        out = uno.systemPathToFileUrl(os.path.abspath(job["out"]))
        doc.storeToURL(out, (prop("FilterName", "Calc MS Excel 2007 XML"),
                             prop("Overwrite", True)))
    finally:
        doc.close(True)


def main():
    if len(sys.argv) != 2:
        print("usage: /usr/bin/python3 lo_fill.py JOBS.json", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    prof = tempfile.mkdtemp(prefix="dti-lo-")
    pipe = "dti_lo_%d" % os.getpid()
    env = dict(os.environ, HOME=prof)
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore",
         "--nodefault", "--nolockcheck",
         "--accept=pipe,name=%s;urp;" % pipe,
         "-env:UserInstallation=" + uno.systemPathToFileUrl(prof)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, env=env)
    try:
        ctx = connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx)
        for job in jobs:
            run_job(desktop, job)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as LibreOffice quits
        return 0
    except Exception as e:
        print("lo_fill: %s" % e, file=sys.stderr)
        return 1
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(prof, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
