//! Incremental equals full: a generated bank is edited at random (text, titles, regions, themes,
//! pilots, links, drafts, new files, deletions, renames, a template, the stylesheet, a broken
//! save and its fix), rebuilt by one long-lived `pipeline::Session` after each edit, and after
//! every step its output must be byte for byte what a fresh full build of the same files makes.
//!
//! Seeded: `LAPE_PROP_SEED` and `LAPE_PROP_STEPS` reproduce or lengthen a run.

#[path = "../../benches/support/genbank.rs"]
#[allow(dead_code)]
mod genbank;

use lape_kb::output::DirSink;
use lape_kb::pipeline::Options;
use lape_kb::pipeline::session::{Changes, Session};
use lape_kb::render::Unit;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside").to_path_buf();
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// The folders under `dir` (an incremental build must not leave empty ones behind).
fn folders(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).expect("inside").to_path_buf())
        .collect()
}

/// The first difference between two trees, for the failure message.
fn first_difference(a: &BTreeMap<PathBuf, Vec<u8>>, b: &BTreeMap<PathBuf, Vec<u8>>) -> Option<String> {
    for (p, x) in a {
        match b.get(p) {
            None => return Some(format!("{} only in the incremental output", p.display())),
            Some(y) if x != y => {
                let (x, y) = (String::from_utf8_lossy(x), String::from_utf8_lossy(y));
                let at = x.chars().zip(y.chars()).take_while(|(c, d)| c == d).count();
                let around = |s: &str| s.chars().skip(at.saturating_sub(80)).take(200).collect::<String>();
                return Some(format!(
                    "{} differs at char {at}:\n  incremental: {}\n  full:        {}",
                    p.display(),
                    around(&x),
                    around(&y)
                ));
            }
            _ => {}
        }
    }
    b.keys()
        .find(|p| !a.contains_key(*p))
        .map(|p| format!("{} only in the full build", p.display()))
}

/// A fresh full build of `root` into `out`: `Ok` with nothing, or the build's errors.
fn full_build(root: &Path, out: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).expect("out");
    let mut s = Session::new(root, &Options::default());
    s.rebuild(
        &Changes::default(),
        &DirSink { dir: out.to_path_buf() },
        false,
        &[],
        &mut || {},
    )
    .map(|_| ())
    .map_err(|d| format!("{:?}", d.sorted().first().map(|d| &d.message)))
}

struct Bank {
    root: PathBuf,
    rng: genbank::Rng,
    vocab: Vec<String>,
    /// Published text documents (memos, workshops, services), by path under content/.
    texts: Vec<String>,
    next: usize,
}

const REGIONS: [&str; 4] = ["kainuu", "pirkanmaa", "lappi", "uusimaa"];
const THEMES: [&str; 3] = ["perhekeskus", "sote-uudistus", "lapsen-oikeudet"];

impl Bank {
    fn path(&self, rel: &str) -> PathBuf {
        self.root.join("content").join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).expect("read")
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.path(rel), text).expect("write");
    }

    fn word(&mut self) -> String {
        let i = self.rng.below(self.vocab.len());
        self.vocab[i].clone()
    }

    fn any_text(&mut self) -> String {
        let i = self.rng.below(self.texts.len());
        self.texts[i].clone()
    }

    /// Replaces the front-matter line starting with `key:` (or adds it before the closing
    /// `---`).
    fn set_field(&self, rel: &str, key: &str, value: Option<&str>) {
        let text = self.read(rel);
        let end = text[4..].find("\n---\n").map_or(text.len(), |i| i + 4);
        let (fm, body) = text.split_at(end);
        let mut lines: Vec<String> = fm
            .lines()
            .filter(|l| !l.starts_with(&format!("{key}:")))
            .map(String::from)
            .collect();
        if let Some(v) = value {
            lines.push(format!("{key}: {v}"));
        }
        self.write(rel, &format!("{}{body}", lines.join("\n")));
    }

    /// Every other text document's links to `rel` rewritten by `f` (None drops the link).
    fn relink(&self, rel: &str, to: Option<&str>) -> Vec<PathBuf> {
        let mut touched = Vec::new();
        for other in &self.texts {
            let text = self.read(other);
            let from = format!("](../{rel})");
            if text.contains(&from) {
                let new = match to {
                    Some(t) => text.replace(&from, &format!("](../{t})")),
                    // Both kinds of link the bank has: the generator's and the link edit's.
                    None => text
                        .replace(&format!("[aiempi dokumentti](../{rel})"), "aiempi dokumentti")
                        .replace(&format!("[tämä](../{rel})"), "tämä"),
                };
                self.write(other, &new);
                touched.push(self.path(other));
            }
        }
        touched
    }

    /// One random edit; returns the files it touched and what it was.
    fn edit(&mut self) -> (Vec<PathBuf>, String) {
        let doc = self.any_text();
        let p = self.path(&doc);
        match self.rng.below(100) {
            0..=24 => {
                let w = self.word();
                let text = self.read(&doc);
                self.write(&doc, &format!("{text}\nUusi kappale, jossa {w} mainitaan.\n"));
                (vec![p], format!("body of {doc}"))
            }
            25..=34 => {
                let title = format!("\"{} {}\"", self.word(), self.word());
                self.set_field(&doc, "title", Some(&title));
                (vec![p], format!("title of {doc}"))
            }
            35..=44 => {
                let n = 1 + self.rng.below(2);
                let picked: Vec<&str> = (0..n).map(|_| REGIONS[self.rng.below(REGIONS.len())]).collect();
                self.set_field(&doc, "regions", Some(&format!("[{}]", picked.join(", "))));
                (vec![p], format!("regions of {doc}: {picked:?}"))
            }
            45..=52 => {
                let t = THEMES[self.rng.below(THEMES.len())];
                self.set_field(&doc, "themes", Some(&format!("[{t}]")));
                (vec![p], format!("themes of {doc}: {t}"))
            }
            53..=58 if !doc.starts_with("services/") => {
                let pilot = format!("pilotti-{}", self.rng.below(3));
                self.set_field(&doc, "pilots", Some(&format!("[{pilot}]")));
                (vec![p], format!("pilots of {doc}: {pilot}"))
            }
            59..=65 => {
                let target = self.any_text();
                let text = self.read(&doc);
                self.write(&doc, &format!("{text}\nKatso [tämä](../{target}).\n"));
                (vec![p], format!("link from {doc} to {target}"))
            }
            66..=71 => {
                // A draft leaves the site; links to it become plain text (a warning), so the
                // bank still builds.
                let on = self.read(&doc).contains("\ndraft: true");
                self.set_field(&doc, "draft", (!on).then_some("true"));
                (vec![p], format!("draft {} for {doc}", if on { "off" } else { "on" }))
            }
            72..=79 => {
                self.next += 1;
                let rel = format!("memos/2019-0{}-01-uusi-{}.md", 1 + self.rng.below(9), self.next);
                let w = self.word();
                let region = REGIONS[self.rng.below(REGIONS.len())];
                let day = 1 + self.rng.below(9);
                self.write(
                    &rel,
                    &format!(
                        "---\ntitle: \"Uusi {w}\"\ndate: 2019-05-0{day}\nregions: [{region}]\nthemes: [perhekeskus]\n---\n\nTeksti {w} ja [[pilotti-1]].\n"
                    ),
                );
                self.texts.push(rel.clone());
                (vec![self.path(&rel)], format!("new {rel}"))
            }
            80..=85 if self.texts.len() > 50 => {
                let mut touched = self.relink(&doc, None);
                std::fs::remove_file(&p).expect("remove");
                self.texts.retain(|t| *t != doc);
                touched.push(p);
                (touched, format!("delete {doc}"))
            }
            86..=91 => {
                self.next += 1;
                let (folder, file) = doc.split_once('/').expect("folder");
                let to = format!("{folder}/nimetty-{}-{file}", self.next);
                std::fs::rename(&p, self.path(&to)).expect("rename");
                let i = self.texts.iter().position(|t| *t == doc).expect("known");
                self.texts[i] = to.clone();
                let mut touched = self.relink(&doc, Some(&to));
                touched.extend([p, self.path(&to)]);
                (touched, format!("rename {doc} to {to}"))
            }
            92..=95 => {
                // A page template, or a fragment every page is given (rendered apart from it).
                let (name, before) = if self.rng.below(2) == 0 {
                    ("base.html", "</main>")
                } else {
                    ("fragments/footer.html", "</footer>")
                };
                let t = self.root.join("themes/default/templates").join(name);
                let text = std::fs::read_to_string(&t).expect("template");
                let mark = format!("<!-- muutos {:03} -->", self.rng.below(1000));
                let text = match text.find("<!-- muutos") {
                    Some(i) => format!("{}{mark}{}", &text[..i], &text[i + mark.len()..]),
                    None => text.replacen(before, &format!("{mark}{before}"), 1),
                };
                assert!(text.contains(&mark), "{name} has no {before} to mark");
                std::fs::write(&t, text).expect("write");
                (vec![t], format!("template {name}"))
            }
            _ => {
                let css = self.root.join("themes/default/static/style.css");
                let text = std::fs::read_to_string(&css).expect("css");
                std::fs::write(&css, format!("{text}\n/* {} */\n", self.word())).expect("write");
                (vec![css], "stylesheet".into())
            }
        }
    }
}

fn generated(dir: &Path, docs: usize, seed: u64) -> Bank {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let vocab = genbank::vocabulary(&repo.join("content"));
    genbank::generate(dir, docs, &vocab).expect("generate");
    genbank::copy_dir(&repo.join("themes"), &dir.join("themes"));
    let content = dir.join("content");
    // Regions and themes the edits name, with their own pages.
    for r in REGIONS {
        std::fs::write(
            content.join(format!("regions/{r}.md")),
            format!("---\ntitle: \"{r}\"\n---\n"),
        )
        .expect("region");
    }
    for t in THEMES {
        std::fs::write(
            content.join(format!("themes/{t}.md")),
            format!("---\ntitle: \"{t}\"\n---\n"),
        )
        .expect("theme");
    }
    let mut texts: Vec<String> = Vec::new();
    for k in ["memos", "workshops", "services"] {
        for e in std::fs::read_dir(content.join(k)).expect("dir").flatten() {
            texts.push(format!("{k}/{}", e.file_name().to_string_lossy()));
        }
    }
    texts.sort();
    Bank {
        root: dir.to_path_buf(),
        rng: genbank::Rng::new(seed),
        vocab,
        texts,
        next: 0,
    }
}

/// Runs `steps` random edits; returns the first step whose incremental output differs from the
/// full build's, with the difference.
fn run(seed: u64, docs: usize, steps: usize, plant: Option<fn(&Unit) -> bool>) -> Result<usize, String> {
    let scratch = tempfile::tempdir().expect("tempdir");
    let root = scratch.path().join("site");
    let mut bank = generated(&root, docs, seed);
    let (inc, full) = (scratch.path().join("inc"), scratch.path().join("full"));
    std::fs::create_dir_all(&inc).expect("inc");
    let mut session = Session::new(&root, &Options::default());
    session.plant_missing_reads = plant;
    let sink = DirSink { dir: inc.clone() };
    session
        .rebuild(&Changes::default(), &sink, false, &[], &mut || {})
        .map_err(|d| format!("first build: {:?}", d.sorted().first().map(|d| d.message.clone())))?;
    let (mut ok, mut rendered, mut everything) = (0, 0, 0);
    for step in 0..steps {
        let (paths, what) = if step % 40 == 39 {
            // A broken save, rebuilt, then put right: the session keeps its last good output.
            let doc = bank.any_text();
            let good = bank.read(&doc);
            bank.write(&doc, &good.replacen("title:", "title: [rikki", 1));
            let failed = session.rebuild(
                &Changes {
                    paths: vec![bank.path(&doc)],
                    complete: true,
                },
                &sink,
                false,
                &[],
                &mut || {},
            );
            if failed.is_ok() {
                return Err(format!("step {step}: a broken save of {doc} built"));
            }
            bank.write(&doc, &good);
            (vec![bank.path(&doc)], format!("broken save of {doc} and its fix"))
        } else {
            bank.edit()
        };
        // Half the steps trust the named paths as a watcher would, half list the folder.
        let complete = step % 2 == 0;
        let incremental = session.rebuild(&Changes { paths, complete }, &sink, false, &[], &mut || {});
        if let Ok(r) = &incremental {
            rendered += r.units;
            everything += usize::from(r.everything);
        }
        let fresh = full_build(&root, &full);
        match (incremental, fresh) {
            (Ok(_), Ok(())) => {
                if let Some(d) = first_difference(&tree(&inc), &tree(&full)) {
                    return Err(format!("step {step} (seed {seed}), after {what}: {d}"));
                }
                if folders(&inc) != folders(&full) {
                    return Err(format!("step {step} (seed {seed}), after {what}: folders differ"));
                }
                ok += 1;
            }
            (Err(d), Err(_)) => {
                if std::env::var_os("LAPE_PROP_DEBUG").is_some() {
                    eprintln!(
                        "step {step} after {what}: {:?}",
                        d.sorted().first().map(|d| (d.file.clone(), d.message.clone()))
                    );
                }
            }
            (Ok(_), Err(e)) => return Err(format!("step {step}, after {what}: only the full build failed: {e}")),
            (Err(d), Ok(())) => {
                return Err(format!(
                    "step {step}, after {what}: only the incremental build failed: {:?}",
                    d.sorted().first().map(|d| d.message.clone())
                ));
            }
        }
    }
    // What the session did, to see that it did not simply render everything every time.
    eprintln!(
        "{ok} of {steps} steps built; {rendered} units rendered in all, {everything} rebuilds rendered everything"
    );
    Ok(ok)
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let seed = env_or("LAPE_PROP_SEED", 2018);
    let steps = env_or("LAPE_PROP_STEPS", 200) as usize;
    match run(seed, 240, steps, None) {
        Ok(ok) => assert!(ok * 10 >= steps * 9, "only {ok} of {steps} steps built"),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn the_property_catches_a_planted_dependency_bug() {
    // List pages that forget what they read are never rendered again after the first build:
    // the first edit that changes a list must show.
    let planted: fn(&Unit) -> bool = |u| matches!(u, Unit::List(..));
    let outcome = run(7, 120, 60, Some(planted));
    eprintln!("planted: {outcome:?}");
    assert!(
        outcome
            .as_ref()
            .is_err_and(|e| e.contains("differs") || e.contains("only in")),
        "the planted bug went unnoticed: {outcome:?}"
    );
}
