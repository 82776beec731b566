#!/usr/bin/env python3
"""Copy the ISC OpenAPI files the mockisc tests validate against, and bundle them as JSON.

Run from this directory:  python3 sync.py /path/to/isc-openapi
It copies the root path files below and every file they $ref, transitively,
keeping relative paths, then writes spec.json: {"<relative path>": <the file as JSON>}.
The Go tests read only spec.json (there is no YAML library in the module).
"""
import json, os, shutil, sys
import yaml

ROOTS = [
    "v3/idn/v3/paths/accounts.yaml",
    "v3/idn/v3/paths/account.yaml",
    "v3/idn/v3/paths/accounts-id-entitlements.yaml",
    "v3/idn/v3/paths/accounts-id-reload.yaml",
    "v3/idn/v3/paths/accounts-id-enable.yaml",
    "v3/idn/v3/paths/accounts-id-disable.yaml",
    "v3/idn/v3/paths/accounts-id-unlock.yaml",
    "v2025/idn/v2025/paths/task-status.yaml",
]

def refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                yield v
            else:
                yield from refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from refs(v)

def main(src):
    here = os.path.dirname(os.path.abspath(__file__))
    bundle, todo = {}, list(ROOTS)
    while todo:
        rel = todo.pop()
        if rel in bundle:
            continue
        with open(os.path.join(src, rel)) as f:
            doc = yaml.safe_load(f)
        bundle[rel] = doc
        os.makedirs(os.path.join(here, os.path.dirname(rel)), exist_ok=True)
        shutil.copyfile(os.path.join(src, rel), os.path.join(here, rel))
        for r in refs(doc):
            file = r.split("#", 1)[0]
            if file:
                todo.append(os.path.normpath(os.path.join(os.path.dirname(rel), file)))
    with open(os.path.join(here, "spec.json"), "w") as f:
        json.dump(bundle, f, indent=1, sort_keys=True, default=str)
        f.write("\n")
    print(len(bundle), "files")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/isc-openapi")
