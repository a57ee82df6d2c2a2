#!/usr/bin/env python3
"""Writes the frequent forms of general Finnish that src/search/data/finnish-keys.tsv is made from.

The forms come from the word frequencies of the `wordfreq` package (data CC BY-SA 4.0), pinned
to one version so the list is the same wherever it is made: every all-letter form of three to
thirty letters at or above a frequency of 10^-7.5 (the package's centibel bucket 750).

Run from the repository root:
    pip install wordfreq==3.1.1 msgpack
    python3 tests/tools/make_finnish_wordlist.py /tmp/fi-forms.txt
    LAPE_WORDLIST_FORMS=/tmp/fi-forms.txt cargo test --release --lib search::wordlist -- --ignored
"""

import gzip
import importlib.metadata
import pathlib
import re
import sys

import msgpack
import wordfreq

BUCKET_LIMIT = 750
WORD = re.compile(r"^[a-zäöå]{3,30}$")


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: make_finnish_wordlist.py OUT")
    if importlib.metadata.version("wordfreq") != "3.1.1":
        sys.exit("the list is made from wordfreq 3.1.1: pip install wordfreq==3.1.1")
    data = pathlib.Path(wordfreq.__file__).parent / "data" / "large_fi.msgpack.gz"
    buckets = msgpack.unpackb(gzip.open(data).read(), raw=False)
    forms = sorted(
        {w for i, bucket in enumerate(buckets[1:], 1) if i <= BUCKET_LIMIT for w in bucket if WORD.match(w)}
    )
    pathlib.Path(sys.argv[1]).write_text("".join(f + "\n" for f in forms), encoding="utf-8")
    print(f"{len(forms)} forms -> {sys.argv[1]}")


if __name__ == "__main__":
    main()
