#!/usr/bin/env python3
"""Crawl a built site folder and report every broken internal link and anchor.

Independent of lape's own link resolution: it parses the written HTML with the standard
library's parser, maps each root-relative URL to a file (folder URLs to index.html) and checks
that the file exists and, for '#anchor' links, that the target page has that id.

Usage: linkcheck.py PUBLIC_DIR [BASE_PATH]   (exit 1 if anything is broken)
"""
import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if key in a and a[key] is not None and tag in ("a", "link", "img", "script", "area"):
                self.links.append(a[key])


def target_file(root, base, path):
    if not path.startswith(base):
        return None
    rel = unquote(path[len(base):])
    full = os.path.normpath(os.path.join(root, rel))
    if not full.startswith(os.path.normpath(root)):
        return None
    if path.endswith("/") or os.path.isdir(full):
        full = os.path.join(full, "index.html")
    return full


def main():
    root = sys.argv[1]
    base = sys.argv[2] if len(sys.argv) > 2 else "/"
    pages = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            if f.endswith(".html"):
                p = os.path.join(dirpath, f)
                parser = Page()
                with open(p, encoding="utf-8") as fh:
                    parser.feed(fh.read())
                pages[os.path.normpath(p)] = parser
    broken = []
    checked = 0
    for path, page in pages.items():
        site_path = "/" + os.path.relpath(path, root).replace(os.sep, "/")
        for link in page.links:
            u = urlsplit(link)
            if u.scheme or link.startswith("//"):
                continue
            checked += 1
            if not u.path:
                target = path
            elif u.path.startswith("/"):
                target = target_file(root, base, u.path)
            else:
                target = target_file(root, base, os.path.normpath(os.path.join(os.path.dirname(site_path), u.path)) + ("/" if u.path.endswith("/") else ""))
            if target is None or not os.path.isfile(target):
                broken.append(f"{site_path}: {link} (no such file)")
                continue
            if u.fragment:
                t = pages.get(os.path.normpath(target))
                if t is not None and unquote(u.fragment) not in t.ids:
                    broken.append(f"{site_path}: {link} (no id '{u.fragment}')")
    for b in broken:
        print(b)
    print(f"linkcheck: {len(pages)} pages, {checked} internal links, {len(broken)} broken")
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
