#!/usr/bin/env python3
"""Trim SailPoint's dereferenced ISC OpenAPI bundles to what the mockisc tests need.

Usage (from any directory):  python3 trim.py /path/to/isc-openapi

Reads <isc-openapi>/dereferenced/deref-sailpoint-api.{v3,beta,v2024,v2025,v2026,v1-services}.yaml
(copies of sailpoint-oss/api-specs, folder dereferenced/) and writes, next to this script,
v3.json, beta.json, v2024.json, v2025.json, v2026.json and v1.json: one self-contained
OpenAPI 3.0 document each (only "#/components/..." $refs), with only the PATHS below and
only the parts of them that say something a request or response must satisfy, plus the
document-level security (which applies to an operation that has none of its own) and the
security schemes that security names. See README.md.
"""
import json
import os
import re
import sys

import yaml

# (output name, input file infix, True if paths carry "/<service>/v1" themselves)
VERSIONS = [
    ("v3", "v3", False),
    ("beta", "beta", False),
    ("v2024", "v2024", False),
    ("v2025", "v2025", False),
    ("v2026", "v2026", False),
    ("v1", "v1-services", True),
]

# Path templates relative to https://{tenant}.api.identitynow.com/<version>. A file's own
# key is kept as it is; parameter names may differ ("/sources/{sourceId}/load-accounts").
PATHS = [
    "/accounts", "/accounts/{id}", "/accounts/{id}/entitlements", "/accounts/{id}/reload",
    "/accounts/{id}/enable", "/accounts/{id}/disable", "/accounts/{id}/unlock",
    "/accounts/{id}/remove",
    "/identities-accounts/{id}/enable", "/identities-accounts/{id}/disable",
    "/identities-accounts/enable", "/identities-accounts/disable",
    "/task-status", "/task-status/{id}",
    "/sources", "/sources/{id}", "/sources/{sourceId}/schemas",
    "/identities", "/identities/{id}",
    "/sources/{id}/load-accounts", "/sources/{id}/remove-accounts",
    "/sources/{id}/load-uncorrelated-accounts", "/account-aggregations/{id}/status",
]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SCHEMA_DROP = {"description", "example", "examples", "externalDocs", "title"}
DESCRIBED_PARAMS = {"filters", "sorters"}  # their description lists the allowed fields
PARAM_KEEP = ("name", "in", "required", "style", "explode")


class Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):
    """Safe loader that leaves timestamps as strings, as JSON (and the specs' authors) mean."""


Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in rs if tag != "tag:yaml.org,2002:timestamp"]
    for ch, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def norm(p):
    """A path template with its parameter names erased, for matching across versions."""
    return re.sub(r"\{[^{}]*\}", "{}", p)


def versioned(p):
    """/accounts/{id} -> /accounts/v1/{id}: the per-service form of the v1 document."""
    seg, _, rest = p[1:].partition("/")
    return "/" + seg + "/v1" + ("/" + rest if rest else "")


def schema(s):
    """A schema without its annotations; keys of properties are names, so kept."""
    if not isinstance(s, dict):
        return s
    if "$ref" in s and s.get("nullable") is True:
        # OpenAPI 3.0 ignores a $ref's siblings, but beta writes
        # {$ref, nullable: true} meaning "this schema, or null": say it the
        # way 3.0 can, {allOf: [$ref], nullable: true}.
        rest = {k: v for k, v in s.items() if k not in ("$ref", "nullable") and k not in SCHEMA_DROP}
        return {"allOf": [{"$ref": s["$ref"]}], "nullable": True, **rest}
    out = {}
    for k, v in s.items():
        if k in SCHEMA_DROP:
            continue
        if k == "properties" and isinstance(v, dict):
            out[k] = {name: schema(p) for name, p in v.items()}
        elif k in ("items", "not", "additionalProperties"):
            out[k] = schema(v)
        elif k in ("allOf", "anyOf", "oneOf") and isinstance(v, list):
            out[k] = [schema(m) for m in v]
        else:
            out[k] = v
    return out


def param(p):
    if "$ref" in p:
        return {"$ref": p["$ref"]}
    out = {k: p[k] for k in PARAM_KEEP if k in p}
    if "schema" in p:
        out["schema"] = schema(p["schema"])
    if p.get("name") in DESCRIBED_PARAMS and "description" in p:
        out["description"] = p["description"]
    return out


def content(c):
    return {media: ({"schema": schema(m["schema"])} if "schema" in m else {})
            for media, m in c.items()}


def request_body(b):
    if "$ref" in b:
        return {"$ref": b["$ref"]}
    out = {"content": content(b.get("content", {}))}
    if "required" in b:
        out["required"] = b["required"]
    return out


def response(r):
    if "$ref" in r:
        return {"$ref": r["$ref"]}
    return {"content": content(r["content"])} if "content" in r else {}


def operation(op):
    out = {k: op[k] for k in ("operationId", "tags", "security") if k in op}
    out.update({k: v for k, v in op.items() if k.startswith(("x-sailpoint-", "x-sailpont-"))})
    if "parameters" in op:
        out["parameters"] = [param(p) for p in op["parameters"]]
    if "requestBody" in op:
        out["requestBody"] = request_body(op["requestBody"])
    out["responses"] = {code: response(r) for code, r in op.get("responses", {}).items()}
    return out


def path_item(item):
    out = {m: operation(op) for m, op in item.items() if m in METHODS}
    if "parameters" in item:
        out["parameters"] = [param(p) for p in item["parameters"]]
    return out


TRIM_COMPONENT = {"schemas": schema, "parameters": param, "responses": response,
                  "requestBodies": request_body}


def refs(node):
    """Every "#/components/<kind>/<name>" that node refers to ($ref or discriminator mapping)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                yield v
            elif k == "mapping" and isinstance(v, dict) and all(isinstance(x, str) for x in v.values()):
                yield from (x for x in v.values() if x.startswith("#/"))
            else:
                yield from refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from refs(v)


def unescape(tok):
    return tok.replace("~1", "/").replace("~0", "~")


def trim(doc, per_service):
    paths, missing, renamed = {}, [], []
    by_norm = {}
    for key in doc["paths"]:
        by_norm.setdefault(norm(key), []).append(key)
    for want in PATHS:
        target = versioned(want) if per_service else want
        keys = by_norm.get(norm(target), [])
        if target in keys:
            key = target
        elif len(keys) == 1:
            key = keys[0]
            renamed.append((want, key))
        elif not keys:
            missing.append(want)
            continue
        else:
            sys.exit(f"{want}: several path keys match: {keys}")
        paths[key] = path_item(doc["paths"][key])

    out = {"openapi": doc["openapi"],
           "info": {k: doc["info"][k] for k in ("title", "version") if k in doc["info"]},
           "servers": doc.get("servers", []),
           "paths": paths}
    if "security" in doc:  # what an operation without its own security requires
        out["security"] = doc["security"]

    # Components reachable from what is kept, trimmed the same way.
    src, comps = doc.get("components", {}), {}
    todo = list(refs(paths))
    while todo:
        ref = todo.pop()
        if not ref.startswith("#/components/"):
            sys.exit(f"unsupported $ref {ref!r}: only #/components/... refs are kept")
        toks = [unescape(t) for t in ref[len("#/components/"):].split("/")]
        if len(toks) != 2:
            sys.exit(f"unsupported $ref {ref!r}: want #/components/<kind>/<name>")
        kind, name = toks
        if name in comps.get(kind, {}):
            continue
        if kind not in TRIM_COMPONENT:
            sys.exit(f"unsupported $ref {ref!r}: components of kind {kind!r} are not kept")
        if name not in src.get(kind, {}):
            sys.exit(f"dangling $ref {ref!r}")
        node = TRIM_COMPONENT[kind](src[kind][name])
        comps.setdefault(kind, {})[name] = node
        todo.extend(refs(node))

    # Security schemes are referenced by name from the kept security requirements.
    used = {name for item in paths.values() for op in item.values() if isinstance(op, dict)
            for req in op.get("security", []) for name in req}
    used |= {name for req in out.get("security", []) for name in req}
    schemes = {n: s for n, s in src.get("securitySchemes", {}).items() if n in used}
    if used - schemes.keys():
        sys.exit(f"undefined security schemes {sorted(used - schemes.keys())}")
    if schemes:
        comps["securitySchemes"] = schemes
    if comps:
        out["components"] = comps
    return out, missing, renamed


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python3 trim.py /path/to/isc-openapi")
    src = os.path.join(sys.argv[1], "dereferenced")
    here = os.path.dirname(os.path.abspath(__file__))
    total = 0
    for name, infix, per_service in VERSIONS:
        with open(os.path.join(src, f"deref-sailpoint-api.{infix}.yaml"), encoding="utf-8") as f:
            doc = yaml.load(f, Loader=Loader)
        out, missing, renamed = trim(doc, per_service)
        data = json.dumps(out, separators=(",", ":"), sort_keys=True, ensure_ascii=False) + "\n"
        path = os.path.join(here, f"{name}.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(data)
        size = len(data.encode("utf-8"))
        total += size
        ncomp = {k: len(v) for k, v in out.get("components", {}).items()}
        print(f"{name}.json: {size} bytes, {len(out['paths'])} paths, components {ncomp}")
        for want, key in renamed:
            print(f"  {want}: kept as {key}")
        for want in missing:
            print(f"  {want}: absent")
    print(f"total: {total} bytes")


if __name__ == "__main__":
    main()
