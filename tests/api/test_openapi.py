"""api.openapi: docs/openapi.json is kept true to the route table.

Every `{ "METHOD", "/api/v1/...", handler, flags }` row of src/api/api.c is
a path and method of docs/openapi.json, and every path and method of
docs/openapi.json is a route; path parameters are declared (in: path,
required) exactly as the path template names them; the server serves the
same document at GET /api/v1/openapi.json; and every operation of the
document answers something other than 404/405 when called (anonymously:
401 for those that need a session; as the admin, every GET answers 200).
Only paths, methods and parameters are checked (local $refs of parameters
are followed), not schemas."""

import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main, multipart, routes_of  # noqa: E402

METHODS = ("get", "put", "post", "delete", "options", "head", "patch",
           "trace")


def norm(path):
    return re.sub(r"\{[^}/]*\}", "{}", path)


def resolve(doc, obj, depth=0):
    """Follow a local $ref ("#/components/parameters/period")."""
    while isinstance(obj, dict) and "$ref" in obj and depth < 20:
        ref = obj["$ref"]
        if not ref.startswith("#/"):
            return None
        obj = doc
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            obj = obj.get(part) if isinstance(obj, dict) else None
        depth += 1
    return obj


def parameters(doc, item, op):
    """The parameters of an operation: the path item's, overridden by the
    operation's, by (name, in)."""
    merged = {}
    for p in list(item.get("parameters", [])) + list(op.get("parameters",
                                                              [])):
        p = resolve(doc, p)
        if isinstance(p, dict):
            merged[(p.get("name"), p.get("in"))] = p
    return list(merged.values())


def body(ck, srv):
    with open(os.path.join(srv.src, "docs", "openapi.json"),
              encoding="utf-8") as f:
        text = f.read()
    doc = json.loads(text)
    ck.check(str(doc.get("openapi", "")).startswith("3."),
             "docs/openapi.json is OpenAPI 3", doc.get("openapi"))
    ck.check(isinstance(doc.get("info"), dict) and "title" in doc["info"]
             and "version" in doc["info"], "info has title and version")
    routes = routes_of(srv.src)
    ck.check(len(routes) >= 30, "the route table of api.c is parsed",
             len(routes))
    ck.eq(len(routes), len(set((m, p) for m, p, _f, _fl in routes)),
          "no route is listed twice in api.c")
    table = {(m, p): fl for m, p, _f, fl in routes}

    ops = {}  # (METHOD, normalized path) -> (template, operation, item)
    for path, item in doc.get("paths", {}).items():
        ck.check(path.startswith("/api/v1/"), "%s is under /api/v1/" % path)
        ck.check(norm(path) not in {norm(p) for p in doc["paths"]
                                    if p != path},
                 "%s: one path per route pattern" % path)
        for method, op in item.items():
            if method not in METHODS:
                continue
            ops[(method.upper(), norm(path))] = (path, op, item)
    ck.eq(sorted(set(table) - set(ops)), [],
          "every route of api.c is in docs/openapi.json")
    ck.eq(sorted(set(ops) - set(table)), [],
          "every operation of docs/openapi.json is a route of api.c")

    op_ids = []
    for (method, _p), (path, op, item) in sorted(ops.items()):
        what = "%s %s" % (method, path)
        names = re.findall(r"\{([^}/]+)\}", path)
        ck.eq(len(names), len(set(names)), "%s: distinct parameter names" %
              what)
        params = [p for p in parameters(doc, item, op)
                  if p.get("in") == "path"]
        declared = [p.get("name") for p in params]
        ck.eq(sorted(declared), sorted(names),
              "%s: the path parameters declared are the template's" % what)
        for p in params:
            ck.check(p.get("required") is True,
                     "%s: path parameter %s is required" % (what,
                                                            p.get("name")))
        for p in item.get("parameters", []) + op.get("parameters", []):
            ck.check(isinstance(resolve(doc, p), dict),
                     "%s: parameter %r resolves" % (what, p))
        ck.check(isinstance(op.get("responses"), dict) and op["responses"],
                 "%s: has responses" % what)
        if "operationId" in op:
            op_ids.append(op["operationId"])
    ck.eq(len(op_ids), len(set(op_ids)), "operationIds are unique")

    # the server serves the same document
    r = srv.get(API + "/openapi.json")
    ck.status(r, 200, "GET /api/v1/openapi.json without a session")
    ck.check((r.header("Content-Type") or "").startswith("application/json"),
             "served as JSON", r.header("Content-Type"))
    ck.eq(r.json(), doc, "the served document is docs/openapi.json")

    # every operation answers (anonymously: nothing changes)
    admin = srv.must_login("admin")
    ct, b = multipart([("note", "openapi")],
                      [("file", "o.txt", "text/plain", b"openapi\n")])
    r = srv.request("POST", API + "/periods/2022-demo/values/ninh-thuan/3.3.a/"
                    "evidence", body=b, ctype=ct, session=admin)
    sha = (srv.sql("SELECT file_sha256 FROM evidence WHERE note = 'openapi'")
           or [("0" * 64,)])[0][0]
    values = {"period": "2022-demo", "unit": "ninh-thuan", "input": "3.3.a",
              "id": "1", "sha256": sha, "code": "B.I.2",
              "login": "cb-khdt",
              "target": "e-invoices"}
    audit0 = srv.audit_count()

    def fill(path):
        def sub(m):
            name = m.group(1)
            ck.check(name in values, "a sample value for {%s}" % name)
            return values.get(name, "x")
        return re.sub(r"\{([^}/]+)\}", sub, path)

    for (method, npath), (path, op, item) in sorted(ops.items()):
        url = fill(path)
        public = table.get((method, npath)) == "R_PUBLIC"
        r = srv.request(method, url, json_body={} if method != "GET" else
                        None)
        ck.check(r.status not in (404, 405), "%s %s answers (not 404/405) "
                 "anonymously" % (method, path), "%s -> %d" % (url, r.status))
        if not public:
            ck.status(r, 401, "%s %s anonymously" % (method, path))
        elif method == "GET":
            ck.status(r, 200, "%s %s (public)" % (method, path))
        if method == "GET":
            r = srv.get(url, session=admin)
            ck.status(r, 200, "%s %s as the admin" % (method, url))
    ck.eq(srv.audit_count(), audit0, "calling the operations anonymously "
          "changed nothing")


if __name__ == "__main__":
    main("api.openapi", body)
