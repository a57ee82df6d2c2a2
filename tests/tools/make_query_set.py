#!/usr/bin/env python3
"""Writes tests/search/queries.tsv: realistic queries and the page each must find.

The expected page comes from the text, never from lape: each query is paired with regular
expressions for the forms that the text uses (the text's own spelling, not the query's), and the
page expected is the one where those forms occur most (for two-word queries, the one whose
rarer word occurs most). Run from the repository root: python3 tests/tools/make_query_set.py
"""

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
PREFIX = {"memos": "muistiot", "pilots": "pilotit", "themes": "teemat", "workshops": "tyopajat",
          "services": "palvelut", "regions": "alueet", "pages": ""}

# query | regexes over the text (&& = every one must match) | class
QUERIES = r"""
kotikäynti | kotikäyn | gradation
kotikäynnit | kotikäyn | gradation
käytäntö | käytän[nt] | gradation
käytännöt | käytän[nt] | gradation
hoito | \bhoi[dt]o | gradation
perhehoito | perhehoi | gradation
sijaishuolto | sijaishuol | gradation
sijaishuollon | sijaishuol | gradation
konsultaatio | konsultaatio | gradation
tuki | \btu(ki|en|kea)\b | gradation
akuuttiosasto | akuuttiosast | gradation
yhdyspinta | yhdyspin | gradation
työparityö | työpari | gradation
perheneuvola | perheneuvol | gradation
kuraattori | kuraattor | gradation
sairaala | sairaal | stem vowel
sairaaloissa | sairaal | stem vowel
järjestö | järjestö | stem vowel
järjestöille | järjestö | stem vowel
kunnissa | \bkun(ta|nan|nissa|tien|nat)\b | stem vowel
lapsiperhe | lapsiperhe | stem vowel
lapsiperheille | lapsiperhe | stem vowel
neuvolat | neuvol | stem vowel
kohtaamispaikka | kohtaamispaik | stem vowel
eropalvelu | eropalvelu | stem vowel
strategia | strategi | -ia
kuntastrategia | kuntastrategi | -ia
perheterapia | perheterap | -ia
osallisuus | osallisuu | -uus
osallisuuden | osallisuu | -uus
asiakkuus | asiakkuu | -uus
vanhemmuus | vanhemmuu | -uus
vanhempi | vanhemp | -ten/-iden
monitoimijaisuus | monitoimijaisuu | -uus
monitoimijainen | monitoimija | -nen
lastenpsykiatria | lastenpsykiatri | -ia
nuorisopsykiatria | nuorisopsykiatri | -ia
yleispediatria | pediatri | -ia
perhekeskus | perhekesk | compound
perhekeskusverkosto | perhekeskusverk | compound
toimintamalli | toimintamall | compound
lastensuojelu | lastensuoj | compound
lastensuojelutiimi | lastensuojelutiim | compound
sosiaalityöntekijä | sosiaalityönt | compound
psykologipalvelut | psykologipalvel | compound
psykologi | psykolog | compound part
kumppanuus | kumppanuu | compound part
varhaiskasvatus | varhaiskasv | compound
hyvinvointineuvola | hyvinvointineuvol | compound
palvelutarve | palvelutarpe | compound
arviointi | arvioin | compound
mielenterveys | mielenterv | compound
päihdepalvelut | päihde | compound
opiskeluhuolto | opiskeluhuol | compound
yhteistyöryhmä | yhteistyöryhm | compound
sote-uudistus | sote-uudist | hyphenated
sote-yhteistyö | sote-yhteist | hyphenated
päijät-häme | päijät-häm | hyphenated
sote | \bsote | abbreviation
SHL | \bshl\b | abbreviation
Tays | \btays | abbreviation
OT-keskus | ot-keskus | abbreviation
DM1 | dm1 | abbreviation
kotikaynti | kotikäyn | without ä/ö
paijat-hame | päijät-häm | without ä/ö
kaytanto | käytän[nt] | without ä/ö
jarjesto | järjestö | without ä/ö
paihdepalvelut | päihde | without ä/ö
sahkoiset palvelut | sähköi | without ä/ö
tormayttamistapahtuma | törmäyttämis | without ä/ö
Järvenpäässä | järvenpä | municipality
Tampereella | tamper | municipality
Askolassa | askola | municipality
Kainuussa | kainuu | municipality
Jyväskylässä | jyväskyl | municipality
Lahdessa | \blah(ti|de|den|dessa)\b | municipality
Pirkanmaalla | pirkanma | municipality
lastensuojelun systeeminen | lastensuoj && systeemi | two words
matalan kynnyksen | matalan && kynnyksen | two words
varhainen tuki | varhai && \btu(ki|en|kea)\b | two words
perhekeskus Askola | askola && perhekesk | two words
lapset puheeksi | puheeksi && \blap(set|sia|sen)\b | two words
"yksi lapsi" | yksi lapsi | phrase
erityistason palvelut | erityistaso && palvelu | two words
monialainen yhteistyö | monialai && yhteistyö | two words
kotipalvelu lapsiperheille | kotipalvelu && lapsiperhe | two words
tiedolla johtaminen | tiedolla && johtami | two words
vaativa taso | vaativ && \btaso | two words
nuorten mielenterveys | nuor && mielenterv | two words
"""


def url(path):
    kind = path.parent.name
    slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.stem)
    return f"/{PREFIX[kind]}/{slug}/".replace("//", "/")


def main():
    # The editors' guide quotes words as examples; it is no answer a reader looks for.
    docs = {p: p.read_text(encoding="utf-8").lower() for p in sorted((ROOT / "content").rglob("*.md"))
            if p.parent.name != "pages"}
    out = ["# query\texpected page\tclass\t(made by tests/tools/make_query_set.py from the text)"]
    for line in QUERIES.strip().splitlines():
        query, rest = line.split(" | ", 1)
        regexes, cls = (x.strip() for x in rest.rsplit(" | ", 1))
        res = [re.compile(r.strip()) for r in regexes.split("&&")]
        scored = []
        for p, text in docs.items():
            counts = [len(r.findall(text)) for r in res]
            if min(counts) > 0:
                scored.append((min(counts), sum(counts), url(p)))
        if not scored:
            raise SystemExit(f"no page has {regexes!r} (query {query!r})")
        scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
        out.append(f"{query}\t{scored[0][2]}\t{cls}")
    target = ROOT / "tests" / "search" / "queries.tsv"
    target.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{target.relative_to(ROOT)}: {len(out) - 1} queries")


if __name__ == "__main__":
    main()
