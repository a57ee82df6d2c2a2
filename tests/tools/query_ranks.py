#!/usr/bin/env python3
"""Where each query of the realistic set (tests/search/queries.tsv) puts its expected page:
mean reciprocal rank and how many at 1, in the first 3 and in the first 10.

    python3 tests/tools/query_ranks.py [LAPE] [ROOT]    (after `lape build`)
"""
import json
import subprocess
import sys


def main():
    lape = sys.argv[1] if len(sys.argv) > 1 else "target/release/lape"
    root = sys.argv[2] if len(sys.argv) > 2 else "."
    rows = [l.rstrip("\n").split("\t") for l in open("tests/search/queries.tsv", encoding="utf-8")
            if l.strip() and not l.startswith("#")]
    out = subprocess.run([lape, "search", "--batch", "-n", "50", "--root", root],
                         input="\n".join(r[0] for r in rows) + "\n",
                         capture_output=True, text=True, check=True).stdout.splitlines()
    ranks = []
    for row, line in zip(rows, out):
        urls = [h["url"] for h in json.loads(line)["hits"]]
        ranks.append(urls.index(row[1]) + 1 if row[1] in urls else None)
    mrr = sum(1 / k for k in ranks if k) / len(ranks)
    at = lambda n: sum(1 for k in ranks if k and k <= n)
    print(f"{len(ranks)} queries: MRR {mrr:.3f}, first {at(1)}, top 3 {at(3)}, top 10 {at(10)}")


if __name__ == "__main__":
    main()
