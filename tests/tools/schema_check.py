#!/usr/bin/env python3
"""Validate front matter against the JSON Schemas that `lape schema` writes.

Every document of the bank must pass its kind's schema, and a front matter with an unknown
region or a value of the wrong type must fail: an independent check (Python's jsonschema) that
the schema and `lape check` agree.

Usage: schema_check.py SITE_ROOT SCHEMA_DIR
"""
import json
import os
import sys

import jsonschema
import yaml

FOLDERS = {"memos": "memo", "workshops": "workshop", "pilots": "pilot", "services": "service",
           "regions": "region", "themes": "theme", "pages": "page"}


def front_matter(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    parts = text.split("\n---", 1)
    return yaml.load(parts[0].removeprefix("---\n"), Loader=yaml.BaseLoader)


def coerce(value):
    """BaseLoader keeps every scalar a string; restore booleans and years as YAML 1.2 reads them."""
    if isinstance(value, dict):
        return {k: coerce(v) for k, v in value.items()}
    if isinstance(value, list):
        return [coerce(v) for v in value]
    if value in ("true", "false"):
        return value == "true"
    if value.isdigit() and len(value) <= 4:
        return int(value)
    return value


def main():
    root, schema_dir = sys.argv[1], sys.argv[2]
    schemas = {}
    for kind in FOLDERS.values():
        with open(os.path.join(schema_dir, f"{kind}.schema.json"), encoding="utf-8") as f:
            schemas[kind] = json.load(f)
            jsonschema.Draft202012Validator.check_schema(schemas[kind])
    checked, failures = 0, []
    content = os.path.join(root, "content")
    for folder, kind in FOLDERS.items():
        d = os.path.join(content, folder)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if not name.endswith(".md"):
                continue
            fm = coerce(front_matter(os.path.join(d, name)) or {})
            errors = list(jsonschema.Draft202012Validator(schemas[kind]).iter_errors(fm))
            checked += 1
            for e in errors:
                failures.append(f"{folder}/{name}: {e.message}")
    memo = schemas["memo"]
    bad = [
        {"title": "x", "date": "2018-01-01", "regions": ["pirknamaa"]},
        {"title": "x", "date": "2018-01-01", "regions": ["pirkanmaa"], "themes": 5},
        {"title": "x", "date": "eilen", "regions": ["pirkanmaa"]},
        {"title": "x", "regions": ["pirkanmaa"]},
        {"title": "x", "date": "2018-01-01", "regions": ["pirkanmaa"], "regoins": []},
    ]
    for fm in bad:
        if jsonschema.Draft202012Validator(memo).is_valid(fm):
            failures.append(f"schema accepted an invalid memo: {fm}")
    good = {"title": "x", "date": "2018-01-01", "regions": ["pirkanmaa"], "themes": "perhekeskus"}
    if not jsonschema.Draft202012Validator(memo).is_valid(good):
        failures.append(f"schema rejected a valid memo: {good}")
    for f in failures:
        print(f)
    print(f"schema_check: {checked} documents, {len(bad)} invalid examples, {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
