#!/usr/bin/env python3
"""Writes tests/gold/finnish.tsv: the gold standard that `search::gold` measures the analyser on.

Every judgement in it is Voikko's (Debian `libvoikko1` + `voikko-fi`, PyPI `libvoikko`), never
lape's: the lemmas of every distinct word of the real bank, the parts of its compounds, and
inflected forms of its nouns and adjectives in the 15 cases, singular and plural.

The inflected forms are proposed by a deliberately loose generator below (every plausible stem,
both grades, both vowel harmonies, every ending) and kept only where Voikko analyses the proposal
as that lemma in that case and number. The generator can be wrong; what survives cannot.

Run from the repository root: python3 tests/tools/make_finnish_gold.py
"""

import collections
import pathlib
import re
import sys

import libvoikko

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "gold" / "finnish.tsv"
# Nominal lemmas of the bank whose paradigms are generated, most frequent first.
PARADIGM_LEMMAS = 260

NOMINAL = {"nimisana", "laatusana", "nimisana_laatusana", "lukusana"}
CASES = {
    # Voikko's SIJAMUOTO -> our name
    "nimento": "nom",
    "omanto": "gen",
    "osanto": "par",
    "olento": "ess",
    "tulento": "tra",
    "sisaolento": "ine",
    "sisaeronto": "ela",
    "sisatulento": "ill",
    "ulkoolento": "ade",
    "ulkoeronto": "abl",
    "ulkotulento": "all",
    "vajanto": "abe",
    "seuranto": "com",
    "keinonto": "ins",
    "kerrontosti": "adv",
}

WORD = re.compile(r"[a-zåäö]+(?:-[a-zåäö]+)*")
FRONT = re.compile(r"^---\n.*?\n---\n", re.S)


def bank_words():
    counts = collections.Counter()
    for path in sorted((ROOT / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8").lower()
        counts.update(WORD.findall(text))
    return counts


def parts_of(word, analysis):
    """The compound parts of `word` by one analysis: leading parts as written, the last as its lemma."""
    structure = analysis.get("STRUCTURE", "")
    parts, cur, i = [], "", 0
    for ch in structure:
        if ch == "=":
            if cur:
                parts.append(cur)
            cur = ""
            continue
        if i >= len(word):
            break
        if word[i] != "-":
            cur += word[i]
        elif cur:
            parts.append(cur)
            cur = ""
        i += 1
    if cur:
        parts.append(cur)
    if len(parts) < 2:
        return [word]
    base = analysis.get("BASEFORM", word).replace("-", "")
    head = "".join(parts[:-1])
    if not base.startswith(head) or len(base) <= len(head):
        return None
    return parts[:-1] + [base[len(head):]]


def judge(voikko, word):
    """(lemmas, parts) for a word Voikko knows, or None."""
    analyses = voikko.analyze(word)
    if not analyses:
        return None
    lemmas = sorted({a["BASEFORM"].lower() for a in analyses if "BASEFORM" in a})
    if not lemmas:
        return None
    splits = {tuple(p) for p in (parts_of(word, a) for a in analyses) if p is not None}
    # A word is a compound (or not) only when every analysis agrees; else its parts are unknown.
    if len(splits) == 1:
        parts = list(next(iter(splits)))
    elif splits and all(len(s) > 1 for s in splits):
        parts = list(min(splits, key=lambda s: (len(s), s)))
    elif splits and all(len(s) == 1 for s in splits):
        parts = [word]
    else:
        parts = None
    return lemmas, parts, analyses


VOWELS = "aeiouyäö"
GRADES = [
    ("kk", "k"), ("pp", "p"), ("tt", "t"), ("k", ""), ("p", "v"), ("t", "d"), ("nk", "ng"),
    ("mp", "mm"), ("lt", "ll"), ("nt", "nn"), ("rt", "rr"), ("lk", "lj"), ("rk", "rj"), ("k", "v"),
]


def graded(stem):
    """The stem as it is, weakened and strengthened at its last consonant cluster."""
    out = {stem}
    m = re.search(r"([^aeiouyäö]+)([aeiouyäö]*)$", stem)
    if not m:
        return out
    head, cons, tail = stem[: m.start()], m.group(1), m.group(2)
    for strong, weak in GRADES:
        if cons.endswith(strong):
            out.add(head + cons[: len(cons) - len(strong)] + weak + tail)
        if cons.endswith(weak) and weak:
            out.add(head + cons[: len(cons) - len(weak)] + strong + tail)
    # k -> nothing between vowels: "suku" -> "suvun" covered above; "reikä" -> "reiän":
    if tail and head and head[-1] in VOWELS and cons == "k":
        out.add(head + tail)
    if len(head) and head[-1] in VOWELS and not cons:
        pass
    return out


def stems(lemma):
    """Singular and plural stems a lemma may have (a loose superset)."""
    sg = {lemma}
    last = lemma[-1]
    if last in VOWELS:
        sg.add(lemma[:-1] + "e")
        sg.add(lemma + last)
    for a, b in [("nen", "se"), ("nen", "s"), ("us", "ukse"), ("us", "ude"), ("us", "ute"), ("ys", "ykse"),
                 ("ys", "yde"), ("as", "aa"), ("äs", "ää"), ("is", "ikse"), ("is", "ii"), ("es", "ee"),
                 ("in", "ime"), ("in", "ime"), ("si", "de"), ("si", "te"), ("si", "se"), ("e", "ee"),
                 ("ton", "ttoma"), ("tön", "ttömä"), ("in", "imä"), ("mpi", "mpa"), ("mpi", "mma"),
                 ("mpi", "mpä"), ("mpi", "mmä"), ("ut", "ee"), ("yt", "ee"), ("s", "kse"), ("i", "e"),
                 ("i", ""), ("", "e"), ("", "i"), ("el", "ele"), ("ar", "are"), ("n", "me")]:
        if lemma.endswith(a):
            sg.add(lemma[: len(lemma) - len(a)] + b)
    sg = {g for s in sg for g in graded(s)}
    pl = set()
    for s in sg:
        if s and s[-1] in VOWELS:
            pl.update({s[:-1] + "i", s + "i", s[:-1] + "oi", s[:-1] + "öi", s[:-2] + "i" if len(s) > 2 else s})
        pl.add(s + "i")
    pl = {g for s in pl for g in graded(s)}
    return sg, pl


def endings(number):
    sg = ["", "n", "a", "ta", "na", "ksi", "ssa", "sta", "lla", "lta", "lle", "tta", "han", "hin", "hun", "seen"]
    pl = ["t", "en", "den", "tten", "ten", "a", "ta", "na", "ksi", "ssa", "sta", "lla", "lta", "lle", "tta",
          "n", "hin", "siin", "ne", "in"]
    return sg if number == "sg" else pl


def harmonise(s):
    return s.replace("a", "ä").replace("o", "ö").replace("u", "y")


def proposals(lemma):
    sg, pl = stems(lemma)
    out = set()
    for number, ss in (("sg", sg), ("pl", pl)):
        for s in ss:
            for e in endings(number):
                forms = [s + e, s + harmonise(e)]
                if e == "" and number == "sg":
                    forms = [s]
                if e == "n" and number == "sg" and s and s[-1] in VOWELS:
                    forms.append(s + s[-1] + "n")  # illative: lengthened vowel
                if e in ("han", "hin"):
                    v = s[-1] if s and s[-1] in VOWELS else "e"
                    forms += [s + "h" + v + "n"]
                out.update(forms)
    return out


def main():
    voikko = libvoikko.Voikko("fi")
    counts = bank_words()
    rows = {}
    lemma_freq = collections.Counter()
    lemma_class = {}
    for word, n in sorted(counts.items()):
        j = judge(voikko, word)
        if j is None:
            continue
        lemmas, parts, analyses = j
        rows[word] = (lemmas, parts, "bank")
        for a in analyses:
            if a.get("CLASS") in NOMINAL and "-" not in a["BASEFORM"] and len(lemmas) == 1:
                lemma_freq[a["BASEFORM"].lower()] += n
                lemma_class[a["BASEFORM"].lower()] = a["CLASS"]
    generated = 0
    cells = collections.Counter()
    for lemma, _ in sorted(lemma_freq.items(), key=lambda kv: (-kv[1], kv[0]))[:PARADIGM_LEMMAS]:
        for form in sorted(proposals(lemma)):
            if form in rows or len(form) < 2:
                continue
            analyses = voikko.analyze(form)
            ok = [a for a in analyses if a.get("BASEFORM", "").lower() == lemma and a.get("SIJAMUOTO") in CASES
                  and a.get("POSSESSIVE") is None and a.get("FOCUS") is None and a.get("KYSYMYSLIITE") is None
                  # no clitic (-han, -kin, -kaan): Voikko marks them [E..] in its FST output
                  and "[E" not in a.get("FSTOUTPUT", "")]
            if not ok:
                continue
            j = judge(voikko, form)
            if j is None:
                continue
            lemmas, parts, _ = j
            case = CASES[ok[0]["SIJAMUOTO"]]
            number = "pl" if ok[0].get("NUMBER") == "plural" else "sg"
            rows[form] = (lemmas, parts, f"{case}.{number}")
            cells[f"{case}.{number}"] += 1
            generated += 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as f:
        f.write("# form\tVoikko's lemmas (|)\tcompound parts (+), '?' when analyses disagree\torigin\n")
        f.write("# made by tests/tools/make_finnish_gold.py from content/ with Voikko; do not edit by hand\n")
        for form in sorted(rows):
            lemmas, parts, origin = rows[form]
            p = "?" if parts is None else "+".join(parts)
            f.write(f"{form}\t{'|'.join(lemmas)}\t{p}\t{origin}\n")
    bank = sum(1 for r in rows.values() if r[2] == "bank")
    print(f"{OUT.relative_to(ROOT)}: {bank} bank words, {generated} generated forms in {len(cells)} cells "
          f"(case.number), from {min(PARADIGM_LEMMAS, len(lemma_freq))} lemmas", file=sys.stderr)
    print(" ".join(f"{c}={n}" for c, n in sorted(cells.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
