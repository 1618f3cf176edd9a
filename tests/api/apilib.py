"""apilib.py: what the API tests share (python3 standard library only).

Every test script runs as `python3 SCRIPT DTI SOURCE_DIR`. It makes a
database with `dti init --demo` in a temporary directory, starts
`dti serve --listen 127.0.0.1:0` on it (the bound port is read from the
server's "listening on http://127.0.0.1:PORT/" line), talks to it with
http.client, and always stops it (SIGTERM, then SIGKILL) and removes the
directory, even on failure. The server must exit 0 with no sanitizer
report, and its log (stderr) must never show a password or a token.

Checks are counted; the script ends with "N passed, M failed" and exits 1
on any failure. Set DTI_API_KEEP=1 to keep the temporary directory.
"""

import hashlib
import http.client
import json
import os
import re
import secrets as _secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback

API = "/api/v1"
ROLES_DEMO = ("admin", "sotttt", "lanhdao", "cb-sotttt", "cb-thongke",
              "cb-khdt", "cb-pvhcc", "cb-ninhhai")
JSON_CT = "application/json"


class Checker:
    """Counts checks; prints every failure with its details."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def check(self, cond, what, detail=""):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            msg = "FAIL: %s" % what
            if detail:
                msg += "\n      " + str(detail)[:1500].replace(
                    "\n", "\n      ")
            print(msg, flush=True)
        return bool(cond)

    def eq(self, got, want, what):
        return self.check(got == want, what,
                          "expected %r, got %r" % (want, got))

    def status(self, resp, want, what):
        """${want}: an int, a tuple of ints, or "2xx"/"4xx"."""
        if want == "2xx":
            ok = 200 <= resp.status < 300
        elif want == "4xx":
            ok = 400 <= resp.status < 500
        elif isinstance(want, (tuple, list, set)):
            ok = resp.status in want
        else:
            ok = resp.status == want
        return self.check(ok, "%s: status %s" % (what, want),
                          "%s %s -> %d %s" % (resp.method, resp.path,
                                              resp.status, resp.text()[:600]))

    def error_code(self, resp, code, what):
        got = resp.error_code()
        return self.check(got == code, "%s: error code %r" % (what, code),
                          "%s %s -> %d code %r body %s" % (
                              resp.method, resp.path, resp.status, got,
                              resp.text()[:400]))

    def summary(self):
        print("%s: %d passed, %d failed" % (self.name, self.passed,
                                             self.failed), flush=True)
        return 1 if self.failed else 0


class Resp:
    def __init__(self, method, path, status, headers, body):
        self.method = method
        self.path = path
        self.status = status
        self.headers = headers  # list of (name, value)
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def header_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None

    def error_code(self):
        j = self.json()
        if isinstance(j, dict) and isinstance(j.get("error"), dict):
            return j["error"].get("code")
        return None

    def ok(self):
        return 200 <= self.status < 300


def check_security_headers(ck, r, what=None):
    """The headers every response must carry."""
    what = what or "%s %s (%d)" % (r.method, r.path, r.status)
    csp = r.header("Content-Security-Policy") or ""
    ck.check(csp != "", "%s: Content-Security-Policy present" % what)
    ck.check("unsafe-inline" not in csp and "unsafe-eval" not in csp,
             "%s: CSP without 'unsafe-inline'/'unsafe-eval'" % what, csp)
    ck.check(re.search(r"frame-ancestors\s+'none'", csp) is not None,
             "%s: CSP frame-ancestors 'none'" % what, csp)
    ck.eq((r.header("X-Content-Type-Options") or "").lower(), "nosniff",
          "%s: X-Content-Type-Options" % what)
    ck.check((r.header("Referrer-Policy") or "") != "",
             "%s: Referrer-Policy present" % what)


def _die_with_parent():
    """In the server's process: get SIGKILL when the test script dies (a
    timeout of ctest must not leave a server behind)."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


class Session:
    """A logged-in account: cookie token and CSRF token."""

    def __init__(self, login, token, csrf, user):
        self.login = login
        self.token = token
        self.csrf = csrf
        self.user = user

    def cookie(self):
        return "dti_session=" + self.token


class Server:
    """A dti database made by `dti init --demo` and a server on it."""

    def __init__(self, ck, dti, src, threads=2, demo=True):
        self.ck = ck
        self.threads = threads
        self.dti = dti
        self.src = src
        self.dir = tempfile.mkdtemp(prefix="dti-api-")
        self.db = os.path.join(self.dir, "dti.db")
        self.log_path = os.path.join(self.dir, "server.stderr")
        self.proc = None
        self.port = None
        self.passwords = {}
        self.secrets = set()  # what must never be in the log
        self.requests = 0  # answered requests (for the log test)
        self.check_headers = True
        self.env = dict(os.environ)
        self.env["DTI_LANG"] = "en"
        args = [dti, "init", "--db", self.db, "--user", "api-test"]
        if demo:
            args.append("--demo")
        out = subprocess.run(args, env=self.env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, timeout=120)
        if out.returncode != 0:
            raise RuntimeError("dti init failed: %s" %
                               out.stderr.decode(errors="replace"))
        # "  LOGIN  ROLE  AGENCY  PASSWORD" after the demo heading
        for line in out.stdout.decode().splitlines():
            m = re.match(r"^  (\S+)\s+(admin|coordinator|officer|viewer)"
                         r"\s+(\S+)\s+(\S+)$", line)
            if m:
                self.passwords[m.group(1)] = m.group(4)
                self.secrets.add(m.group(4))
        if demo and set(self.passwords) != set(ROLES_DEMO):
            raise RuntimeError("demo accounts not found in: %s" %
                               out.stdout.decode())

    # -- process -----------------------------------------------------------
    def start(self, extra=()):
        skip = len(self.log())  # a restart appends to the same log
        self.logf = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [self.dti, "serve", "--listen", "127.0.0.1:0", "--db", self.db,
             "--threads", str(self.threads)] + list(extra),
            env=self.env, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=self.logf,
            preexec_fn=_die_with_parent)
        deadline = time.time() + 30
        while time.time() < deadline:
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", self.log()[skip:])
            if m:
                self.port = int(m.group(1))
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        raise RuntimeError("the server did not start: %s" % self.log())

    def log(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self, check=True, timeout=30):
        """SIGTERM; the server must exit 0 without sanitizer reports."""
        if self.proc is None:
            return None
        rc = self.proc.poll()
        if rc is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                rc = self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                rc = "timeout (killed)"
        self.logf.close()
        self.proc = None
        if check:
            log = self.log()
            self.ck.eq(rc, 0, "server exits 0 after SIGTERM")
            self.ck.check(
                "AddressSanitizer" not in log and "runtime error:" not in log
                and "LeakSanitizer" not in log,
                "no sanitizer report in the server's stderr",
                log[-3000:])
            self.check_no_secrets()
        return rc

    def check_no_secrets(self):
        log = self.log()
        leaked = sorted(s for s in self.secrets if s and s in log)
        self.ck.check(not leaked,
                      "the server log shows no password or token (%d secrets)"
                      % len(self.secrets), "leaked: %r" % leaked)

    def cleanup(self):
        if self.proc is not None:
            try:
                self.proc.kill()
                self.proc.wait(timeout=10)
            except Exception:
                pass
            self.proc = None
        if os.environ.get("DTI_API_KEEP"):
            print("kept", self.dir)
        else:
            shutil.rmtree(self.dir, ignore_errors=True)

    # -- requests ----------------------------------------------------------
    def conn(self, timeout=120, source=None):
        return http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=timeout,
            source_address=(source, 0) if source else None)

    def request(self, method, path, body=None, json_body=None, ctype=None,
                session=None, csrf=True, headers=None, source=None,
                timeout=120):
        """One request on a new connection. ${session}: a Session, whose
        cookie is sent, and its CSRF token unless csrf is False (or a
        string to send instead)."""
        h = {}
        if json_body is not None:
            body = json.dumps(json_body).encode()
            ctype = ctype or JSON_CT
        if isinstance(body, str):
            body = body.encode()
        if ctype:
            h["Content-Type"] = ctype
        if session is not None:
            h["Cookie"] = session.cookie()
            if csrf is True and method != "GET":
                h["X-CSRF-Token"] = session.csrf
            elif isinstance(csrf, str):
                h["X-CSRF-Token"] = csrf
        if headers:
            h.update(headers)
        if body is not None and method in ("GET", "DELETE") and \
                "Content-Length" not in h:
            h["Content-Length"] = str(len(body))
        c = self.conn(timeout=timeout, source=source)
        try:
            try:
                c.request(method, path, body=body, headers=h)
            except (BrokenPipeError, ConnectionResetError):
                # the server answered from the head (413, 401) and closed
                # before reading the body: its answer is still readable
                pass
            r = c.getresponse()
            data = r.read()
            resp = Resp(method, path, r.status, r.getheaders(), data)
        finally:
            c.close()
        self.requests += 1
        for v in resp.header_all("Set-Cookie"):
            m = re.match(r"dti_session=([^;]*)", v)
            if m and m.group(1):
                self.secrets.add(m.group(1))
        j = resp.json() if resp.body[:1] == b"{" else None
        if isinstance(j, dict) and isinstance(j.get("csrf"), str):
            self.secrets.add(j["csrf"])
        if self.check_headers:
            check_security_headers(self.ck, resp)
        return resp

    def get(self, path, session=None, **kw):
        return self.request("GET", path, session=session, **kw)

    def login(self, login, password=None, session=None, source=None):
        """Log in; returns (Session or None, response)."""
        pw = self.passwords[login] if password is None else password
        r = self.request("POST", API + "/session",
                         json_body={"login": login, "password": pw},
                         session=session, source=source)
        if r.status != 200:
            return None, r
        m = re.match(r"dti_session=([0-9a-f]{64});",
                     r.header("Set-Cookie") or "")
        j = r.json()
        if m is None or not j:
            return None, r
        return Session(login, m.group(1), j["csrf"], j["user"]), r

    def must_login(self, login):
        s, r = self.login(login)
        if s is None:
            raise RuntimeError("login %s failed: %d %s" %
                               (login, r.status, r.text()))
        return s

    # -- the database, read directly --------------------------------------
    def sql(self, query, args=()):
        c = sqlite3.connect(self.db, timeout=30)
        try:
            rows = c.execute(query, args).fetchall()
            c.commit()
            return rows
        finally:
            c.close()

    def audit_count(self):
        return self.sql("SELECT count(*) FROM audit")[0][0]


def multipart(fields, files=(), boundary=None):
    """A multipart/form-data body: ${fields} [(name, str|bytes)],
    ${files} [(name, filename, type, bytes)]. Returns (ctype, body)."""
    b = boundary or ("----dtiapitest" + _secrets.token_hex(8))
    out = []
    for name, value in fields:
        if isinstance(value, str):
            value = value.encode()
        out.append(b"--" + b.encode() + b"\r\n")
        out.append(('Content-Disposition: form-data; name="%s"\r\n\r\n'
                    % name).encode())
        out.append(value + b"\r\n")
    for name, filename, ftype, data in files:
        if isinstance(filename, str):
            filename = filename.encode()
        out.append(b"--" + b.encode() + b"\r\n")
        out.append(b'Content-Disposition: form-data; name="' +
                   name.encode() + b'"; filename="' + filename + b'"\r\n')
        out.append(("Content-Type: %s\r\n\r\n" % ftype).encode())
        out.append(data + b"\r\n")
    out.append(b"--" + b.encode() + b"--\r\n")
    return "multipart/form-data; boundary=" + b, b"".join(out)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def routes_of(src):
    """The route table of src/api/api.c: [(method, pattern, handler,
    flags)], parsed from its `{ "METHOD", "/api/v1/...", fn, flags }`
    rows."""
    with open(os.path.join(src, "src", "api", "api.c"),
              encoding="utf-8") as f:
        text = f.read()
    start = text.index("routes[] = {")
    end = text.index("};", start)
    rows = re.findall(
        r'\{\s*"([A-Z]+)",\s*"(/api/v1/[^"]*)",\s*(\w+),\s*(\w+)\s*\}',
        text[start:end])
    return rows


def demo_rows(src, unit="ninh-thuan"):
    """The demo round's lines of ${unit} as an exchange-format CSV."""
    import csv
    import io
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["unit", "input", "value"])
    with open(os.path.join(src, "examples", "demo-ninh-thuan.csv"),
              encoding="utf-8") as f:
        rd = csv.reader(f)
        next(rd)
        for row in rd:
            if row[0] == unit:
                w.writerow(row[:3])
    return out.getvalue()


def main(name, body, threads=2, demo=True, start=True):
    """Run ${body}(ck, srv): argv parsing, server start and stop, cleanup,
    the summary line and the exit code."""
    if len(sys.argv) != 3:
        print("usage: python3 %s DTI SOURCE_DIR" % sys.argv[0])
        sys.exit(2)
    dti, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])

    def on_signal(signum, _frame):
        raise SystemExit("signal %d" % signum)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    ck = Checker(name)
    srv = None
    t0 = time.time()
    try:
        srv = Server(ck, dti, src, threads=threads, demo=demo)
        if start:
            srv.start()
        body(ck, srv)
        if srv.proc is not None:
            srv.stop()
    except Exception:
        ck.check(False, "the test ran to its end", traceback.format_exc())
        if srv is not None and srv.proc is not None:
            print("server stderr (tail):\n" + srv.log()[-3000:])
    finally:
        if srv is not None:
            srv.cleanup()
    print("(%.1f s)" % (time.time() - t0))
    sys.exit(ck.summary())
