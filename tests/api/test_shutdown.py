"""api.shutdown: a clean stop. SIGTERM arrives while a slow request (a
large CSV import) is in flight: that request still gets its full answer,
the import is complete in the database (all or nothing, here all), the
server exits 0, and the database passes PRAGMA integrity_check (and
foreign_key_check)."""

import csv
import io
import os
import signal
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402

TARGET = 2.0  # seconds the in-flight import should take


def big_csv(src, units):
    with open(os.path.join(src, "examples", "demo-ninh-thuan.csv"),
              encoding="utf-8") as f:
        rows = [r for r in csv.reader(f) if r and r[0] == "ninh-thuan"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["unit", "input", "value"])
    for u in range(units):
        for r in rows:
            w.writerow(["don-vi-%03d" % u, r[1], r[2]])
    return out.getvalue().encode(), units * len(rows)


def body(ck, srv):
    admin = srv.must_login("admin")
    r = srv.request("POST", API + "/periods", json_body={"code": "2030"},
                    session=admin)
    ck.status(r, 201, "open 2030")
    # how long does a unit take? (a small import into another period)
    r = srv.request("POST", API + "/periods", json_body={"code": "2029"},
                    session=admin)
    small, _ = big_csv(srv.src, 10)
    t = time.time()
    r = srv.request("POST", API + "/periods/2029/import?add_units=1",
                    body=small,
                    ctype="text/csv", session=admin)
    per_unit = (time.time() - t) / 10
    ck.status(r, 200, "a small import to time a unit")
    UNITS = max(20, min(600, int(TARGET / max(per_unit, 1e-4)) + 1))
    data, n = big_csv(srv.src, UNITS)
    print("import of %d units (%d values, %d bytes), %.1f ms per unit" %
          (UNITS, n, len(data), per_unit * 1e3))

    # the request, sent in full; then SIGTERM while the server works on it
    conn = srv.conn(timeout=300)
    t0 = time.time()
    conn.request("POST",
                 API + "/periods/2030/import?status=draft&add_units=1",
                 body=data, headers={"Content-Type": "text/csv",
                                     "Cookie": admin.cookie(),
                                     "X-CSRF-Token": admin.csrf})
    time.sleep(0.3)
    t_sig = time.time()
    proc = srv.proc
    proc.send_signal(signal.SIGTERM)
    status, payload, hdrs = None, b"", {}
    try:
        resp = conn.getresponse()
        status, payload = resp.status, resp.read()
        hdrs = {k.lower(): v for k, v in resp.getheaders()}
    except OSError as exc:  # http.client.RemoteDisconnected, reset, ...
        payload = repr(exc).encode()
    t_resp = time.time()
    conn.close()
    print("SIGTERM %.2f s after the request was sent, answer (or close) "
          "%.2f s after SIGTERM" % (t_sig - t0, t_resp - t_sig))
    ck.eq(status, 200, "the in-flight import gets its answer (got: %s)" %
          payload[:200].decode("utf-8", "replace"))
    import json
    try:
        j = json.loads(payload) if status else {}
    except ValueError:
        j = {}
    if status == 200:
        ck.eq(j.get("values"), n, "the answer counts every value")
        ck.eq(hdrs.get("x-content-type-options", "").lower(), "nosniff",
              "the answer has the security headers")

    try:
        rc = proc.wait(timeout=60)
    except Exception:
        rc = "still running 60 s after SIGTERM"
    ck.eq(rc, 0, "the server exits 0 after SIGTERM")
    srv.stop()  # closes the log, checks sanitizers and secrets
    log = srv.log().splitlines()
    stop = [i for i, ln in enumerate(log) if "stopping" in ln]
    imp = [i for i, ln in enumerate(log) if "/periods/2030/import" in ln]
    ck.check(stop and imp and stop[0] < imp[0],
             "the import was in flight at SIGTERM (its log line comes after "
             "the server's 'stopping' line)", "\n".join(log[-6:]))
    ck.check(any("stopped" in ln for ln in log), "the server logs its stop")

    # the database file, after the server has gone
    c = sqlite3.connect(srv.db)
    try:
        ck.eq(c.execute("PRAGMA integrity_check").fetchall(), [("ok",)],
              "PRAGMA integrity_check")
        ck.eq(c.execute("PRAGMA foreign_key_check").fetchall(), [],
              "PRAGMA foreign_key_check")
        got = c.execute("SELECT count(*) FROM value v JOIN period p ON "
                        "p.id = v.period WHERE p.code = '2030'").fetchone()[0]
        units = c.execute("SELECT count(DISTINCT v.unit) FROM value v JOIN "
                          "period p ON p.id = v.period WHERE p.code = "
                          "'2030'").fetchone()[0]
        if status == 200:
            ck.eq((got, units), (n, UNITS), "the answered import is all in "
                  "the database (values, units)")
        else:
            ck.check((got, units) in ((0, 0), (n, UNITS)),
                     "the import is all or nothing in the database",
                     (got, units))
    finally:
        c.close()
    # a new server on the same database starts and answers
    srv.start()
    r = srv.get(API + "/periods/2030/values?unit=don-vi-000", session=admin)
    ck.status(r, 200, "a new server reads the database (the old session "
              "still valid)")
    ck.eq(len((r.json() or {}).get("values", [])),
          n // UNITS if got else 0, "the values of one new unit")


if __name__ == "__main__":
    main("api.shutdown", body)
