#!/usr/bin/env python3
"""Feeds and sitemap of a built site, as their readers parse them (issue 6).

Every `atom.xml` must parse as Atom with feedparser without a "bozo" error, and carry entries
with a title, link, id and updated time. `sitemap.xml` must list every page of the site (each
`index.html`, in every interface language) except redirect stubs and the 404 page, and nothing
that is not there. Drafts are never built, so a listed URL without a file fails too.

Usage: python3 tests/tools/feeds_sitemap_check.py public
"""
import pathlib
import re
import sys
import urllib.parse

import feedparser


def main() -> None:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "public")
    failures = []

    feeds = sorted(root.rglob("atom.xml"))
    entries = 0
    for f in feeds:
        parsed = feedparser.parse(f.read_bytes())
        if parsed.bozo:
            failures.append(f"{f}: not well-formed Atom: {parsed.bozo_exception}")
            continue
        if parsed.version != "atom10":
            failures.append(f"{f}: parsed as {parsed.version!r}, not Atom 1.0")
        if not parsed.feed.get("title") or not parsed.feed.get("id"):
            failures.append(f"{f}: feed without title or id")
        for e in parsed.entries:
            entries += 1
            for key in ("title", "link", "id", "updated"):
                if not e.get(key):
                    failures.append(f"{f}: entry {e.get('title', '?')!r} has no {key}")

    sitemap = (root / "sitemap.xml").read_text(encoding="utf-8")
    listed = set()
    for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap):
        path = urllib.parse.urlparse(loc).path
        listed.add(urllib.parse.unquote(path))
    base = min(listed, key=len) if listed else "/"
    pages = set()
    for f in root.rglob("index.html"):
        text = f.read_text(encoding="utf-8", errors="replace")
        if 'http-equiv="refresh"' in text:
            continue
        rel = f.parent.relative_to(root).as_posix()
        pages.add(base if rel == "." else f"{base}{rel}/")
    for p in sorted(pages - listed):
        failures.append(f"sitemap.xml misses {p}")
    for p in sorted(listed - pages):
        failures.append(f"sitemap.xml lists {p}, which is not a page of the site")
    langs = sorted({m.group(1) for p in listed if (m := re.match(rf"^{re.escape(base)}(sv|en)/", p))})

    for line in failures:
        print(line)
    print(
        f"feeds_sitemap_check: {len(feeds)} feeds, {entries} entries; sitemap {len(listed)} URLs "
        f"(languages besides the default: {', '.join(langs) or 'none'}); {len(failures)} failures"
    )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
