"""api.lockout: the login limits hold against an attacker who chooses the
login names (issue 8, defect 2; src/auth/auth.c, docs/security.md "Login
lockout"): 5 failures per account and 20 per address in 15 minutes.

The limiter used to place keys in its 4,096 slots by FNV-1a, probing 16
slots and evicting the oldest: names crafted to share a victim's slots
pushed the victim's counter out. The names below are crafted the same way
(FNV-1a of "a:NAME" modulo 4,096 equal to the victim key's), so the test
fails on a limiter that places keys by a hash anyone can compute, or that
forgets a counter still counting.

  (a) an account locked by 5 failures stays locked through 200 failures
      of crafted names from 10 other addresses;
  (b) from one address, failures of crafted names colliding with the
      address's own key: the 21st attempt gets 429, not later;
  (c) 50 concurrent wrong logins for one account: exactly 5 reach the
      password check (401), the other 45 get 429.
"""

import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402

SLOTS = 4096  # the old table's size


def fnv1a(data):
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def crafted(target_key, n, prefix):
    """${n} login names whose old slot ("a:" + name) is ${target_key}'s."""
    want = fnv1a(target_key.encode()) % SLOTS
    base = fnv1a(("a:" + prefix).encode())
    out = []
    i = 0
    digits = "abcdefghijklmnopqrstuvwxyz0123456789"
    while len(out) < n:
        h, k, suffix = base, i, []
        for _ in range(4):
            suffix.append(digits[k % 36])
            k //= 36
        for ch in suffix:
            h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
        if h % SLOTS == want:
            out.append(prefix + "".join(suffix))
        i += 1
    return out


def attempt(srv, login, password, source):
    r = srv.request("POST", API + "/session",
                    json_body={"login": login, "password": password},
                    source=source)
    return r.status


def body(ck, srv):
    # -- (a) a locked account stays locked -----------------------------------
    victim = "cb-khdt"
    for k in range(5):
        ck.eq(attempt(srv, victim, "sai-mat-khau-%d" % k, "127.0.0.3"), 401,
              "(a) failure %d of %s" % (k + 1, victim))
    ck.eq(attempt(srv, victim, srv.passwords[victim], "127.0.0.3"), 429,
          "(a) %s is locked after 5 failures" % victim)
    names = crafted("a:" + victim, 200, "x")
    answers = []
    lock = threading.Lock()

    def flood(idx):
        src = "127.0.0.%d" % (10 + idx)
        for name in names[idx * 20:(idx + 1) * 20]:
            st = attempt(srv, name, "sai-mat-khau-xyz", src)
            with lock:
                answers.append(st)

    ts = [threading.Thread(target=flood, args=(i,)) for i in range(10)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    ck.eq(sorted(set(answers)), [401],
          "(a) the 200 crafted failures were all counted (401)")
    ck.eq(len(answers), 200, "(a) 200 crafted failures were sent")
    st = attempt(srv, victim, srv.passwords[victim], "127.0.0.4")
    ck.eq(st, 429, "(a) after 200 crafted failures %s is still locked "
          "(right password, another address)" % victim)

    # -- (b) the address limit: the 21st attempt gets 429 --------------------
    src = "127.0.0.5"
    names = crafted("i:" + src, 25, "y")
    got = [attempt(srv, name, "sai-mat-khau-xyz", src) for name in names]
    ck.eq(got[:20], [401] * 20, "(b) 20 failures from %s are counted" % src)
    ck.eq(got[20:], [429] * 5,
          "(b) from the 21st attempt on, %s gets 429" % src)
    ck.eq(attempt(srv, "cb-thongke", srv.passwords["cb-thongke"], src), 429,
          "(b) a right login from the limited address gets 429")
    ck.eq(attempt(srv, "cb-thongke", srv.passwords["cb-thongke"],
                  "127.0.0.7"), 200,
          "(b) the same login from another address succeeds")

    # -- (c) 50 concurrent wrong logins for one account ----------------------
    target = "cb-pvhcc"
    start = threading.Barrier(50)
    res = []

    def one(k):
        start.wait()
        # five addresses, ten tries each: below the per-address connection
        # cap (32) and failure limit (20), so only the account's limit acts
        st = attempt(srv, target, "sai-mat-khau-%02d" % k,
                     "127.0.0.%d" % (20 + k % 5))
        with lock:
            res.append(st)

    ts = [threading.Thread(target=one, args=(k,)) for k in range(50)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    ck.eq((res.count(401), res.count(429), len(res)), (5, 45, 50),
          "(c) 50 concurrent wrong logins: exactly 5 reach the password "
          "check (401), 45 get 429")
    ck.eq(attempt(srv, target, srv.passwords[target], "127.0.0.8"), 429,
          "(c) then %s is locked, right password or not" % target)


if __name__ == "__main__":
    main("api.lockout", body, threads=8)
