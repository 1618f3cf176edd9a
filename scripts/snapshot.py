#!/usr/bin/env python3
"""snapshot.py: record what dti shows a user, to compare two builds.

    python3 scripts/snapshot.py DTI OUTDIR

Writes one file per observation into OUTDIR: `dti score` on every golden
and example round (csv, json, --explain), `dti methodology check`, the
bad-input files in both languages, the CLI's reports and a scripted
reporting cycle on a demo database, and the API's answers (every GET
route for every demo role, and a scripted cycle of writes with errors).
Times, passwords, session tokens and CSRF tokens are masked, so two runs
of one build give identical trees: `diff -r OUT1 OUT2` after a refactor
shows exactly what changed for a user. Run by hand, not by CI.
"""
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SRC, "tests", "api"))
import apilib  # noqa: E402

TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?Z?")
DMY_TIME = re.compile(r"\d\d/\d\d/\d{4} \d\d:\d\d(:\d\d)?")


def mask(text, secrets=()):
    text = TIME.sub("<TIME>", text)
    text = DMY_TIME.sub("<TIME>", text)
    for s in secrets:
        if s:
            text = text.replace(s, "<SECRET>")
    text = re.sub(r'"csrf":\s*"[^"]*"', '"csrf":"<CSRF>"', text)
    text = re.sub(r"(\d+(\.\d+)?) ?ms\b", "<MS>", text)
    text = re.sub(r'"expires_at":\s*\d+', '"expires_at":<T>', text)
    return text


class Snap:
    def __init__(self, dti, out):
        self.dti, self.out, self.n = dti, out, 0
        self.secrets = []
        self.env = dict(os.environ, DTI_TODAY="2022-10-01", DTI_LANG="vi")

    def write(self, name, text):
        self.n += 1
        path = os.path.join(self.out, "%03d-%s" % (self.n, name))
        with open(path, "w", encoding="utf-8") as f:
            f.write(mask(text, self.secrets))

    def cli(self, name, args, lang="vi", stdin=None, cwd=None):
        env = dict(self.env, DTI_LANG=lang)
        p = subprocess.run([self.dti] + args, env=env, cwd=cwd,
                           input=stdin, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=300)
        for line in p.stdout.decode("utf-8", "replace").splitlines():
            m = re.match(r"^  (\S+)\s+(admin|coordinator|officer|viewer)"
                         r"\s+(\S+)\s+(\S+)$", line)
            if m:
                self.secrets.append(m.group(4))
        self.write(name, "exit %d\n--- stdout\n%s--- stderr\n%s" % (
            p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace")))
        return p


def scoring(sn):
    rounds = [os.path.join(SRC, "tests/golden/data", f)
              for f in sorted(os.listdir(os.path.join(SRC, "tests/golden/data")))
              if f.endswith(".round.csv")]
    rounds.append(os.path.join(SRC, "examples/round-illustrative.csv"))
    for r in rounds:
        b = os.path.basename(r)
        sn.cli("score-%s" % b, ["score", r])
        sn.cli("score-json-%s" % b, ["score", "--format", "json", r])
        sn.cli("score-explain-%s" % b, ["score", "--explain", r])
    dm = os.path.join(SRC, "methodologies/district-demo.yaml")
    dr = os.path.join(SRC, "methodologies/district-demo-round.csv")
    sn.cli("score-district", ["score", "--methodology", dm, "--explain", dr])
    sn.cli("method-check", ["methodology", "check"])
    sn.cli("method-check-district", ["methodology", "check", dm])
    bad = os.path.join(SRC, "tests/golden/bad")
    for f in sorted(os.listdir(bad)):
        if f.endswith(".csv"):
            for lang in ("vi", "en"):
                sn.cli("bad-%s-%s" % (lang, f),
                       ["score", os.path.join(bad, f)], lang=lang)
    sn.cli("score-nofile", ["score", "/nonexistent.csv"])
    sn.cli("help", ["--help"])


def cli_cycle(sn, tmp):
    db = os.path.join(tmp, "cli.db")
    sn.cli("init-demo", ["init", "--demo", "--db", db, "--user", "snap"])
    d = ["--db", db, "--user", "snap"]
    for lang in ("vi", "en"):
        sn.cli("status-" + lang, ["status", "--period", "2022-demo"] + d, lang)
        sn.cli("tasks-" + lang, ["tasks"] + d, lang)
        sn.cli("targets-" + lang, ["targets"] + d, lang)
        sn.cli("period-list-" + lang, ["period", "list"] + d, lang)
    sn.cli("status-csv", ["status", "--period", "2022-demo", "--format", "csv"] + d)
    sn.cli("tasks-csv", ["tasks", "--format", "csv"] + d)
    sn.cli("tasks-overdue", ["tasks", "--overdue", "--agency", "so-tttt"] + d)
    sn.cli("targets-csv", ["targets", "--format", "csv"] + d)
    sn.cli("export", ["export", "--period", "2022-demo"] + d)
    sn.cli("score-period", ["score", "--period", "2022-demo", "--explain"] + d)
    sn.cli("score-period-json", ["score", "--period", "2022-demo", "--format",
                                 "json"] + d)
    sn.cli("evidence-list", ["evidence", "list", "--period", "2022-demo"] + d)
    sn.cli("open-q3", ["period", "open", "2022-Q3"] + d)
    sn.cli("open-q3-again", ["period", "open", "2022-Q3"] + d)
    sn.cli("value-set", ["value", "set", "--period", "2022-Q3", "--agency",
                         "so-tttt", "3.3.a", "412000"] + d)
    sn.cli("value-set-bad", ["value", "set", "--period", "2022-Q3",
                             "3.3.a", "-5"] + d)
    sn.cli("value-set-bad-en", ["value", "set", "--period", "2022-Q3",
                                "3.3.a", "abc"] + d, "en")
    ev = os.path.join(tmp, "plan.pdf")
    with open(ev, "wb") as f:
        f.write(b"%PDF-1.4\nsnapshot\n")
    sn.cli("evidence-add", ["evidence", "add", "--period", "2022-Q3",
                            "--doc", "4233/KH-UBND", "--date", "2022-09-28",
                            "--note", "Kế hoạch", "--file", ev, "3.3.a"] + d)
    sn.cli("evidence-list-q3", ["evidence", "list", "--period",
                                "2022-Q3"] + d)
    sn.cli("submit-incomplete", ["submit", "--period", "2022-Q3",
                                 "--agency", "so-tttt"] + d)
    rows = apilib.demo_rows(SRC)
    rf = os.path.join(tmp, "q3.csv")
    with open(rf, "w") as f:
        f.write(rows)
    sn.cli("import-locked", ["import", "--period", "2022-demo", rf] + d)
    sn.cli("import-q3", ["import", "--period", "2022-Q3", rf] + d)
    sn.cli("submit", ["submit", "--period", "2022-Q3", "--agency",
                      "so-tttt"] + d)
    sn.cli("return-nocomment", ["return", "--period", "2022-Q3",
                                "--inputs", "3.3.a"] + d)
    sn.cli("return", ["return", "--period", "2022-Q3", "--inputs", "3.3.a",
                      "--comment", "Thiếu văn bản"] + d)
    sn.cli("approve", ["approve", "--period", "2022-Q3", "--agency",
                       "so-tttt"] + d)
    sn.cli("reopen", ["reopen", "--period", "2022-Q3", "--inputs", "3.3.b",
                      "--reason", "Sửa"] + d)
    sn.cli("status-q3", ["status", "--period", "2022-Q3"] + d)
    sn.cli("score-q3-drafts", ["score", "--period", "2022-Q3",
                               "--include-drafts"] + d)
    sn.cli("task-update", ["task", "update", "B.I.2", "--status", "done",
                           "--note", "Xong"] + d)
    sn.cli("task-update-bad", ["task", "update", "B.I.2", "--status",
                               "finished"] + d)
    sn.cli("task-update-none", ["task", "update", "Z.9"] + d)
    sn.cli("close", ["period", "close", "2022-Q3"] + d)
    sn.cli("value-set-closed", ["value", "set", "--period", "2022-Q3",
                                "3.3.a", "1"] + d)
    sn.cli("reopen-period", ["period", "reopen", "2022-Q3", "--reason",
                             "Bổ sung"] + d)
    sn.cli("user-add-short", ["user", "add", "--role", "officer",
                              "--agency", "so-tttt", "ab"] + d,
           stdin=b"short\n")
    sn.cli("audit", ["audit", "--format", "csv", "--db", db])
    sn.cli("methodology-load", ["methodology", "load", os.path.join(
        SRC, "methodologies/district-demo.yaml")] + d)


def api_cycle(sn):
    ck = apilib.Checker("snapshot")
    srv = apilib.Server(ck, sn.dti, SRC)
    srv.env.update(DTI_TODAY="2022-10-01")
    sn.secrets.extend(srv.passwords.values())
    srv.start()
    A = apilib.API
    try:
        def rec(name, r):
            body = r.body.decode("utf-8", "replace")
            hdr = "".join("%s: %s\n" % (k, v) for k, v in r.headers
                          if k.lower() in ("content-type",
                                           "content-disposition"))
            sn.write("api-" + name, "%d\n%s%s" % (r.status, hdr, body))
        sess = {lg: srv.must_login(lg) for lg in apilib.ROLES_DEMO}
        for s in sess.values():
            sn.secrets.extend([s.token, s.csrf])
        gets = ["/health", "/session", "/users", "/methodologies",
                "/methodologies/1", "/agencies", "/units", "/periods",
                "/periods/2022-demo", "/periods/2022-demo/values",
                "/periods/2022-demo/values/ninh-thuan/3.3.a/evidence",
                "/periods/2022-demo/status", "/periods/2022-demo/scores",
                "/periods/2022-demo/scores?explain=1", "/periods/2022-demo/export",
                "/tasks", "/targets", "/audit?limit=5", "/periods/2099",
                "/nothing"]
        for lg in apilib.ROLES_DEMO:
            for g in gets:
                rec("get-%s%s" % (lg, g.replace("/", "_")),
                    srv.get(A + g, session=sess[lg]))
        rec("anon-values", srv.get(A + "/periods/2022-demo/values"))
        co, of = sess["sotttt"], sess["cb-sotttt"]

        def req(name, method, path, s, **kw):
            rec(name, srv.request(method, A + path, session=s, **kw))
        req("open-q3", "POST", "/periods", co, json_body={"code": "2022-Q3"})
        req("open-q3-viewer", "POST", "/periods", sess["lanhdao"],
            json_body={"code": "2022-Q4"})
        req("put", "PUT", "/periods/2022-Q3/values/ninh-thuan/3.3.a", of,
            json_body={"value": "412000"})
        req("put-bad", "PUT", "/periods/2022-Q3/values/ninh-thuan/3.3.a",
            of, json_body={"value": "-1"})
        req("put-other", "PUT", "/periods/2022-Q3/values/ninh-thuan/7.1.a",
            of, json_body={"value": "1"})
        req("put-badjson", "PUT", "/periods/2022-Q3/values/ninh-thuan/3.3.a",
            of, body=b"{", ctype="application/json")
        ctype, body = apilib.multipart(
            [("doc_number", "4233/KH-UBND"), ("doc_date", "2022-09-28"),
             ("note", "Kế hoạch")],
            [("file", "a.pdf", "application/pdf", b"%PDF-1.4 x")],
            boundary="BOUNDARY")
        req("evidence", "POST",
            "/periods/2022-Q3/values/ninh-thuan/3.3.a/evidence", of,
            body=body, ctype=ctype)
        req("evidence-list", "GET",
            "/periods/2022-Q3/values/ninh-thuan/3.3.a/evidence", of)
        req("submit-incomplete", "POST", "/periods/2022-Q3/submit", of,
            json_body={"agency": "so-tttt"})
        req("import", "POST", "/periods/2022-Q3/import", co,
            body=apilib.demo_rows(SRC).encode(), ctype="text/csv")
        req("submit", "POST", "/periods/2022-Q3/submit", of,
            json_body={"agency": "so-tttt"})
        req("return", "POST", "/periods/2022-Q3/return", co,
            json_body={"inputs": "3.3.a", "comment": "Thiếu"})
        req("return-officer", "POST", "/periods/2022-Q3/return", of,
            json_body={"inputs": "3.3.b", "comment": "x"})
        req("approve", "POST", "/periods/2022-Q3/approve", co,
            json_body={"agency": "so-tttt"})
        req("reopen", "POST", "/periods/2022-Q3/reopen-values", co,
            json_body={"inputs": "3.3.b", "reason": "Sửa"})
        req("status", "GET", "/periods/2022-Q3/status", co)
        req("values", "GET", "/periods/2022-Q3/values", co)
        req("task", "POST", "/tasks/B.I.2/progress", co,
            json_body={"status": "done", "note": "Xong"})
        req("task-bad", "POST", "/tasks/B.I.2/progress", co,
            json_body={"status": "finished"})
        req("task-none", "POST", "/tasks/Z.9/progress", co,
            json_body={"status": "done"})
        req("user-add", "POST", "/users", sess["admin"],
            json_body={"login": "snap-user", "role": "viewer",
                       "password": "a-long-password-123"})
        req("user-add-short", "POST", "/users", sess["admin"],
            json_body={"login": "snap-user2", "role": "viewer",
                       "password": "short"})
        req("close", "POST", "/periods/2022-Q3/close", co, json_body={})
        req("put-closed", "PUT", "/periods/2022-Q3/values/ninh-thuan/3.3.a",
            of, json_body={"value": "1"})
        req("reopen-period", "POST", "/periods/2022-Q3/reopen", co,
            json_body={"reason": "Bổ sung"})
        req("audit", "GET", "/audit?limit=40", sess["admin"])
        req("scores-q3", "GET", "/periods/2022-Q3/scores", co)
        req("logout", "DELETE", "/session", of)
        req("after-logout", "GET", "/session", of)
        r = srv.login("admin", "wrong-password-xx")[1]
        rec("login-wrong", r)
    finally:
        srv.stop(check=False)
        srv.cleanup()


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: snapshot.py DTI OUTDIR")
    dti, out = os.path.abspath(sys.argv[1]), sys.argv[2]
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    sn = Snap(dti, out)
    tmp = os.path.join(out, ".tmp")
    sn.secrets.append(tmp)
    os.makedirs(tmp)
    scoring(sn)
    cli_cycle(sn, tmp)
    api_cycle(sn)
    shutil.rmtree(tmp)
    print("%d observations in %s" % (sn.n, out))


if __name__ == "__main__":
    main()
