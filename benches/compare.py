#!/usr/bin/env python3
"""Two `lape` binaries side by side on one bank, in alternating runs: build wall time and peak
memory, and `lape search` latency (a fresh process per query, as a user runs it).

    python3 benches/compare.py OLD_LAPE NEW_LAPE BANK_DIR [RUNS]

BANK_DIR is a generated bank (`LAPE_BENCH_KEEP=/tmp/bank cargo bench --bench search`). Each
binary builds into its own output and index copy, so neither reads the other's files. Prints
medians and the new/old ratios; one absolute time on a shared machine says little.
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

QUERIES = [
    "perhekeskus", "perhekeskuksissa", "toimintamalli", "lastensuojelu",
    '"systeeminen lastensuojelu"', "kunta", "yhteistyö", "lapsi OR nuori", "palvelut -koulu",
    "maakunnan", "arviointi", "vanhemmuus", "päihde", "kehittäminen", "työryhmä", "perheiden",
    "osallisuus", "tiedolla johtaminen", "kouluterveydenhuolto", "sosiaalityöntekijä",
]


def run(cmd):
    """Wall seconds and the peak RSS in MB of one child process."""
    t = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024


def main():
    old, new, bank = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    roots = {}
    for name in ("old", "new"):
        root = f"{bank}.{name}"
        if not os.path.exists(root):
            shutil.copytree(bank, root, symlinks=True, ignore=shutil.ignore_patterns("public", ".lape"))
        roots[name] = root
    bins = {"old": old, "new": new}
    builds = {"old": [], "new": []}
    for i in range(runs):
        order = ("old", "new") if i % 2 == 0 else ("new", "old")
        for name in order:
            builds[name].append(run([bins[name], "build", "--root", roots[name]]))
    lat = {"old": [], "new": []}
    for i in range(2):
        for q in QUERIES:
            order = ("old", "new") if i % 2 == 0 else ("new", "old")
            for name in order:
                lat[name].append(run([bins[name], "search", q, "--json", "--root", roots[name]])[0] * 1000)
    med = {}
    for name in ("old", "new"):
        walls = [w for w, _ in builds[name]]
        rss = [r for _, r in builds[name]]
        l = sorted(lat[name])
        p99 = l[max(0, -(-len(l) * 99 // 100) - 1)]
        med[name] = (statistics.median(walls), statistics.median(rss), statistics.median(l), p99)
        print(f"{name}: build median {med[name][0]:.2f} s (runs {', '.join(f'{w:.2f}' for w in walls)}), "
              f"peak RSS median {med[name][1]:.0f} MB; search median {med[name][2]:.0f} ms, p99 {p99:.0f} ms")
    o, n = med["old"], med["new"]
    print(f"new/old: build {n[0] / o[0]:.3f}, RSS {n[1] / o[1]:.3f}, search median {n[2] / o[2]:.3f}, "
          f"p99 {n[3] / o[3]:.3f}")


if __name__ == "__main__":
    main()
