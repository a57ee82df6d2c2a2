#!/usr/bin/env python3
"""The open data of a built bank, checked as its users would read it (issue 22).

Usage: open_data_check.py ROOT PUBLIC INDEX_DIR

- /data/bank.json validates against /data/bank.schema.json (jsonschema);
- it lists every published document of content/ exactly once, and no draft;
- the CSVs parse with Python's csv module (UTF-8 with BOM, semicolons, as a Finnish spreadsheet
  reads them) and their counts equal the counts on the region and theme pages;
- no e-mail address, phone number or contact name from the bank's front matter occurs under
  /data/, in either search index or in any JSON-LD block;
- every HTML page has exactly one JSON-LD block, pyld expands it, and its type fits the page.
"""
import csv
import glob
import io
import json
import os
import re
import sys

import jsonschema
import yaml
from pyld import jsonld

root, public, index_dir = sys.argv[1:4]
problems = []


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 4)
    return yaml.safe_load(text[4:end]) or {}


KIND_OF_FOLDER = {"memos": "memo", "workshops": "workshop", "pilots": "pilot", "services": "service",
                  "regions": "region", "themes": "theme", "pages": "page"}

# What the content says: published documents, and the people in them.
published, drafts, people = set(), set(), set()
for path in glob.glob(os.path.join(root, "content", "*", "*.md")):
    folder = os.path.basename(os.path.dirname(path))
    fm = front_matter(path)
    if fm is None or folder not in KIND_OF_FOLDER:
        continue
    slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", os.path.basename(path)[:-3])
    (drafts if fm.get("draft") else published).add((KIND_OF_FOLDER[folder], slug))
    contacts = list(fm.get("contacts") or [])
    if fm.get("contact"):
        contacts.append(fm["contact"])
    for c in contacts:
        for key in ("name", "email", "phone"):
            if c.get(key):
                people.add(str(c[key]))
    meeting = fm.get("meeting") or {}
    for p in meeting.get("participants") or []:
        people.add(str(p))
    for key in ("chair", "secretary"):
        if meeting.get(key):
            people.add(str(meeting[key]))

data_dir = os.path.join(public, "data")
bank = json.load(open(os.path.join(data_dir, "bank.json"), encoding="utf-8"))
schema = json.load(open(os.path.join(data_dir, "bank.schema.json"), encoding="utf-8"))
jsonschema.validate(bank, schema)

listed = [(d["kind"], d["slug"]) for d in bank["documents"]]
if len(listed) != len(set(listed)):
    problems.append("bank.json lists a document twice")
if set(listed) != published:
    problems.append(f"bank.json: missing {sorted(published - set(listed))}, extra {sorted(set(listed) - published)}")
if set(listed) & drafts:
    problems.append(f"bank.json lists drafts {sorted(set(listed) & drafts)}")


def read_csv(name):
    raw = open(os.path.join(data_dir, name), "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        problems.append(f"{name} has no byte order mark")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


docs = read_csv("documents.csv")
if len(docs) - 1 != len(published):
    problems.append(f"documents.csv has {len(docs) - 1} rows for {len(published)} documents")

grid = read_csv("region-theme.csv")
header, rows = grid[0], grid[1:]


def page_count(section, slug):
    html = open(os.path.join(public, section, slug, "index.html"), encoding="utf-8").read()
    m = re.search(r"Yhteensä</dt>\s*<dd>(\d+)", html)
    return int(m.group(1)) if m else None


for row in rows:
    if row[0] == "*":
        for slug, n in zip(header[3:], row[3:]):
            if page_count("teemat", slug) != int(n):
                problems.append(f"theme {slug}: csv {n}, page {page_count('teemat', slug)}")
        continue
    if page_count("alueet", row[0]) != int(row[2]):
        problems.append(f"region {row[0]}: csv {row[2]}, page {page_count('alueet', row[0])}")
    if sum(int(x) for x in row[3:]) < 0:
        problems.append("negative count")

# Personal data: nowhere in bulk data.
bulk = [p for p in glob.glob(os.path.join(data_dir, "**", "*"), recursive=True) if os.path.isfile(p)]
for d in (os.path.join(public, "hakuindeksi"), index_dir):
    bulk += [p for p in glob.glob(os.path.join(d, "**", "*"), recursive=True) if os.path.isfile(p)]
email = re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}")
for path in bulk:
    blob = open(path, "rb").read()
    for person in people:
        if person.encode("utf-8") in blob:
            problems.append(f"{path}: contains '{person}'")
    m = email.search(blob)
    if m:
        problems.append(f"{path}: contains an e-mail address {m.group(0)[:40]!r}")

# JSON-LD: one block a page, expandable, of the type the page is.
WANT = {"muistiot": {"Report"}, "tyopajat": {"Report"}, "pilotit": {"Project"}, "palvelut": {"GovernmentService"},
        "alueet": {"AdministrativeArea"}, "teemat": {"DefinedTerm"}}
CONTEXT = {"@context": {"@vocab": "https://schema.org/"}}


def offline_loader(url, options=None):
    # schema.org's context, as a JSON-LD processor reads it: everything is in its vocabulary.
    if "schema.org" in url:
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}
    raise jsonld.JsonLdError("offline", "loading document failed", {"url": url})


jsonld.set_document_loader(offline_loader)
pages = 0
for path in glob.glob(os.path.join(public, "**", "*.html"), recursive=True):
    html = open(path, encoding="utf-8").read()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    rel = os.path.relpath(path, public)
    if len(blocks) != 1:
        problems.append(f"{rel}: {len(blocks)} JSON-LD blocks")
        continue
    pages += 1
    doc = json.loads(blocks[0])
    expanded = jsonld.expand(doc)
    if not expanded or "@type" not in expanded[0]:
        problems.append(f"{rel}: JSON-LD expands to no typed node")
    for person in people:
        if person in blocks[0]:
            problems.append(f"{rel}: JSON-LD names '{person}'")
    parts = rel.split(os.sep)
    if parts[0] in ("sv", "en"):
        parts = parts[1:]
    if len(parts) == 3 and parts[0] in WANT and parts[2] == "index.html" and parts[1] != "sivu":
        if doc["@type"] not in WANT[parts[0]]:
            problems.append(f"{rel}: JSON-LD type {doc['@type']}, want {WANT[parts[0]]}")

if problems:
    print("\n".join(problems[:40]))
    sys.exit(1)
print(f"open data: bank.json valid, {len(listed)} documents once, CSV counts agree with "
      f"{len(rows)} region rows, no personal data in {len(bulk)} bulk files, "
      f"one JSON-LD block on each of {pages} pages")
