//! Generates realistic knowledge banks of any size for benchmarks.
//!
//! Words come from the real bank's own text, so tokenising, slugging and searching behave as on
//! Finnish content; front matter follows product.md, with a few links and wikilinks per document.
//! Deterministic: the same size gives the same bank.

use std::fmt::Write as _;
use std::path::Path;

/// A small deterministic random generator (xorshift64*), so banks are repeatable.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545F4914F6CDD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

const REGIONS: [&str; 19] = [
    "uusimaa",
    "varsinais-suomi",
    "satakunta",
    "kanta-hame",
    "pirkanmaa",
    "paijat-hame",
    "kymenlaakso",
    "etela-karjala",
    "etela-savo",
    "pohjois-savo",
    "pohjois-karjala",
    "keski-suomi",
    "etela-pohjanmaa",
    "pohjanmaa",
    "keski-pohjanmaa",
    "pohjois-pohjanmaa",
    "kainuu",
    "lappi",
    "ahvenanmaa",
];
const THEMES: [&str; 15] = [
    "perhekeskus",
    "erityis-ja-vaativa-taso",
    "varhaiskasvatus-ja-koulu",
    "toimintakulttuuri",
    "ot-keskus",
    "systeeminen-lastensuojelu",
    "sijaishuolto",
    "mielenterveys-ja-paihdepalvelut",
    "eropalvelut",
    "vanhemmuuden-tuki",
    "kohtaamispaikat",
    "opiskeluhuolto",
    "monialainen-yhteistyo",
    "osallisuus",
    "tiedolla-johtaminen",
];
const MUNICIPALITIES: [&str; 24] = [
    "Helsinki",
    "Espoo",
    "Vantaa",
    "Tampere",
    "Turku",
    "Oulu",
    "Jyväskylä",
    "Kuopio",
    "Lahti",
    "Pori",
    "Kouvola",
    "Joensuu",
    "Lappeenranta",
    "Hämeenlinna",
    "Vaasa",
    "Seinäjoki",
    "Rovaniemi",
    "Mikkeli",
    "Kajaani",
    "Kokkola",
    "Järvenpää",
    "Askola",
    "Hankasalmi",
    "Äänekoski",
];

/// Words of the real bank (front matter and markup stripped), the generator's vocabulary.
pub fn vocabulary(content: &Path) -> Vec<String> {
    let mut words = Vec::new();
    for entry in walkdir::WalkDir::new(content).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let body = text.splitn(3, "---").nth(2).unwrap_or("");
            for w in body.split(|c: char| !c.is_alphabetic() && c != '-') {
                let w = w.trim_matches('-');
                if w.chars().count() >= 2 && w.chars().count() <= 24 {
                    words.push(w.to_lowercase());
                }
            }
        }
    }
    if words.is_empty() {
        words = [
            "lapsi",
            "perhe",
            "palvelu",
            "perhekeskus",
            "yhteistyö",
            "kunta",
            "maakunta",
        ]
        .map(String::from)
        .to_vec();
    }
    words
}

fn sentence(rng: &mut Rng, vocab: &[String], n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let w = rng.pick(vocab);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn list<'a>(rng: &mut Rng, from: &'a [&'a str], max: usize) -> Vec<&'a str> {
    let n = 1 + rng.below(max);
    let mut v: Vec<&str> = (0..n).map(|_| *rng.pick(from)).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Writes a bank of `docs` text documents (plus regions and themes) under `root/content`.
pub fn generate(root: &Path, docs: usize, vocab: &[String]) -> std::io::Result<()> {
    let content = root.join("content");
    for k in ["memos", "workshops", "pilots", "services", "regions", "themes"] {
        std::fs::create_dir_all(content.join(k))?;
    }
    std::fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"Testipankki\"\nlanguage = \"fi\"\n\n[site]\nbase-url = \"https://bench.example.fi/\"\n",
    )?;
    for r in REGIONS {
        std::fs::write(
            content.join(format!("regions/{r}.md")),
            format!("---\ntitle: \"{r}\"\n---\n"),
        )?;
    }
    for t in THEMES {
        std::fs::write(
            content.join(format!("themes/{t}.md")),
            format!("---\ntitle: \"{t}\"\n---\n"),
        )?;
    }
    let mut rng = Rng::new(0x1a9e_2018 ^ docs as u64);
    let pilots = (docs / 12).max(1);
    let pilot_slugs: Vec<String> = (0..pilots).map(|i| format!("pilotti-{i}")).collect();
    let pilot_refs: Vec<&str> = pilot_slugs.iter().map(String::as_str).collect();
    let mut paths: Vec<String> = Vec::with_capacity(docs);
    for i in 0..docs {
        let (folder, kind) = if i < pilots {
            ("pilots", "pilot")
        } else {
            match rng.below(100) {
                0..=59 => ("memos", "memo"),
                60..=89 => ("workshops", "workshop"),
                _ => ("services", "service"),
            }
        };
        let year = 2016 + rng.below(4);
        let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
        let stem = if kind == "pilot" {
            pilot_slugs[i].clone()
        } else {
            format!(
                "{year}-{month:02}-{day:02}-{}-{i}",
                crate_slug(rng.pick(vocab).as_str())
            )
        };
        let mut fm = String::new();
        let title_len = 3 + rng.below(5);
        let title = sentence(&mut rng, vocab, title_len);
        let _ = writeln!(fm, "---\ntitle: \"{}\"", title.trim_end_matches('.'));
        if kind == "memo" || kind == "workshop" {
            let _ = writeln!(fm, "date: {year}-{month:02}-{day:02}");
        }
        let _ = writeln!(fm, "regions: [{}]", list(&mut rng, &REGIONS, 2).join(", "));
        let _ = writeln!(fm, "themes: [{}]", list(&mut rng, &THEMES, 3).join(", "));
        let _ = writeln!(
            fm,
            "municipalities: [{}]",
            list(&mut rng, &MUNICIPALITIES, 3).join(", ")
        );
        let _ = writeln!(fm, "summary: \"{}\"", sentence(&mut rng, vocab, 20));
        match kind {
            "pilot" => {
                let _ = writeln!(
                    fm,
                    "status: kokeilu\nperiod: {{start: {year}-{month:02}}}\nscope: maakunnallinen"
                );
                let _ = writeln!(
                    fm,
                    "contacts:\n  - {{name: \"Etunimi Sukunimi\", role: projektipäällikkö, email: nimi@example.fi}}"
                );
            }
            "memo" => {
                let _ = writeln!(fm, "pilots: [{}]", list(&mut rng, &pilot_refs, 2).join(", "));
                let _ = writeln!(
                    fm,
                    "meeting:\n  group: \"{}\"\n  participants: [\"A\", \"B\", \"C\"]",
                    sentence(&mut rng, vocab, 3)
                );
            }
            "workshop" => {
                let _ = writeln!(fm, "pilots: [{}]", list(&mut rng, &pilot_refs, 2).join(", "));
            }
            _ => {
                let _ = writeln!(fm, "provider: \"{}\"", sentence(&mut rng, vocab, 2));
            }
        }
        fm.push_str("---\n");
        let mut body = String::new();
        let mut words = 0;
        let mut section = 0;
        while words < 900 {
            if words % 220 == 0 {
                section += 1;
                let _ = writeln!(
                    body,
                    "\n## {} {section}\n",
                    sentence(&mut rng, vocab, 2).trim_end_matches('.')
                );
            }
            let n = 12 + rng.below(14);
            let mut para = String::new();
            for _ in 0..3 {
                para.push_str(&sentence(&mut rng, vocab, n / 3 + 1));
                para.push(' ');
            }
            words += n + 3;
            if rng.below(6) == 0 && !paths.is_empty() {
                let target = rng.pick(&paths).clone();
                let _ = write!(para, "Katso myös [aiempi dokumentti](../{target}).");
            }
            if rng.below(8) == 0 {
                let _ = write!(para, " Pilotista [[{}]].", rng.pick(&pilot_slugs));
            }
            body.push_str(para.trim_end());
            body.push_str("\n\n");
            if rng.below(15) == 0 {
                body.push_str("- ensimmäinen kohta\n- toinen kohta\n- kolmas kohta\n\n");
            }
        }
        let rel = format!("{folder}/{stem}.md");
        std::fs::write(content.join(&rel), format!("{fm}{body}"))?;
        if kind != "pilot" {
            paths.push(rel);
        }
    }
    Ok(())
}

fn crate_slug(w: &str) -> String {
    w.chars()
        .map(|c| match c {
            'ä' | 'å' => 'a',
            'ö' => 'o',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        })
        .collect()
}

/// Copies a folder tree (the theme into a generated bank, the real bank into a scratch folder).
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let dest = to.join(e.path().strip_prefix(from).expect("inside"));
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// The bank size asked for by `LAPE_BENCH_DOCS` (default 10,000).
// The build bench reads a list of sizes instead; this file is compiled into each bench.
#[allow(dead_code)]
pub fn docs_from_env() -> usize {
    std::env::var("LAPE_BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000)
}
