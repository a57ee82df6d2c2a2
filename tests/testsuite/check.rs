//! `lape check`: every problem in one run, each with file, line and a hint.

use crate::support::Site;

/// A site that has each of the foundation issue's seven error classes once.
fn seven_errors() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "content/memos/a-bad-yaml.md",
        "---\ntitle: Hyvä\ndate: 2018-01-01\nregions: [kainuu\n---\nx\n",
    );
    site.write(
        "content/memos/b-no-title.md",
        "---\ndate: 2018-01-01\nregions: [kainuu]\n---\nx\n",
    );
    site.write(
        "content/memos/c-unknown-region.md",
        "---\ntitle: C\ndate: 2018-01-01\nregions:\n  - kainuu\n  - pirknamaa\n---\nx\n",
    );
    site.write(
        "content/memos/d-broken-link.md",
        "---\ntitle: D\ndate: 2018-01-01\nregions: [kainuu]\n---\nEnsin rivi.\n\nKatso [tämä](../pilots/ei-ole.md).\n",
    );
    site.write(
        "content/memos/päijät-x.md",
        "---\ntitle: E1\ndate: 2018-01-01\nregions: [kainuu]\n---\n",
    );
    site.write(
        "content/memos/paijat-x.md",
        "---\ntitle: E2\ndate: 2018-01-01\nregions: [kainuu]\n---\n",
    );
    site.write(
        "content/memos/f-latin1.md",
        b"---\ntitle: P\xe4ij\xe4t\ndate: 2018-01-01\n---\n".as_slice(),
    );
    site.write("content/memos/g-no-front-matter.md", "# Otsikko\n\nTeksti.\n");
    site
}

#[test]
fn seven_error_classes_in_one_run() {
    let site = seven_errors();
    let run = site.lape(&["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let err = &run.stderr;
    let expect = [
        // The line where the unclosed list starts (issue 16), not where YAML gave up.
        ("content/memos/a-bad-yaml.md:4:10", "yaml"),
        ("content/memos/b-no-title.md:1", "missing-field"),
        ("content/memos/c-unknown-region.md:6:5", "unknown-region"),
        ("content/memos/d-broken-link.md:8:7", "broken-link"),
        ("content/memos/päijät-x.md:1", "url-clash"),
        ("content/memos/f-latin1.md:2:9", "not-utf8"),
        ("content/memos/g-no-front-matter.md:1", "no-front-matter"),
    ];
    for (location, code) in expect {
        assert!(err.contains(&format!("[{code}]")), "missing {code} in:\n{err}");
        assert!(err.contains(location), "missing {location} in:\n{err}");
    }
    assert!(err.contains("did you mean 'pirkanmaa'?"), "{err}");
    assert!(err.contains("paijat-x.md"), "the clash names both files: {err}");
}

#[test]
fn each_class_alone_is_reported_with_a_hint() {
    let cases: [(&str, &[u8], &str, &str); 4] = [
        (
            "content/memos/x.md",
            b"---\ntitle: \"auki\ndate: 2018-01-01\n---\n",
            "yaml",
            "x.md:",
        ),
        (
            "content/memos/x.md",
            b"---\ndate: 2018-01-01\nregions: kainuu\n---\n",
            "missing-field",
            "needs 'title'",
        ),
        ("content/memos/x.md", b"\xff\xfe-\x00-\x00-\x00", "not-utf8", "UTF-16"),
        ("content/memos/x.md", b"", "no-front-matter", "the file is empty"),
    ];
    for (path, content, code, needle) in cases {
        let site = Site::fixture("basic");
        site.write(path, content);
        let run = site.lape(&["check"]);
        assert_eq!(run.code, 1, "{code}: {}", run.all());
        assert!(run.stderr.contains(&format!("[{code}]")), "{code}: {}", run.stderr);
        assert!(run.stderr.contains(needle), "{code}: {}", run.stderr);
        assert!(run.stderr.contains("hint:"), "{code}: {}", run.stderr);
    }
}

#[test]
fn clean_bank_checks_clean_with_warnings_only() {
    let site = Site::fixture("basic");
    let run = site.lape(&["check"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stderr.contains("0 errors"));
    assert!(!site.path().join("public").exists(), "check writes nothing");
}

#[test]
fn wrong_types_and_impossible_dates_are_located() {
    let site = Site::fixture("basic");
    site.write(
        "content/memos/x.md",
        "---\ntitle: X\nregions: [kainuu]\ndate: 2018-02-30\n---\n",
    );
    site.write(
        "content/pilots/p.md",
        "---\ntitle: P\nregions: [kainuu]\nstatus: valmis\n---\n",
    );
    site.write(
        "content/memos/y.md",
        "---\ntitle: Y\ndate: 2018-01-01\nregions: [kainuu]\nregoins: [x]\ntype: pilot\n---\n",
    );
    let run = site.lape(&["check"]);
    assert_eq!(run.code, 1);
    let e = &run.stderr;
    assert!(e.contains("content/memos/x.md:4") && e.contains("no such day"), "{e}");
    assert!(
        e.contains("content/pilots/p.md:4") && e.contains("unknown variant `valmis`"),
        "{e}"
    );
    assert!(
        e.contains("content/memos/y.md:5") && e.contains("did you mean 'regions'?"),
        "{e}"
    );
    assert!(
        e.contains("content/memos/y.md:6") && e.contains("[type-mismatch]"),
        "{e}"
    );
}

#[test]
fn json_format_is_valid_json() {
    let site = seven_errors();
    let run = site.lape(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let items = v.as_array().expect("array");
    assert!(items.len() >= 7);
    for item in items {
        assert!(
            item["file"].is_string() && item["line"].is_u64() && item["code"].is_string(),
            "{item}"
        );
    }
}

#[test]
fn github_format_lines() {
    let site = seven_errors();
    let run = site.lape(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    let errors: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("::error ")).collect();
    assert!(errors.len() >= 7, "{}", run.stdout);
    for l in errors {
        assert!(l.contains("file=content/memos/") && l.contains("::"), "{l}");
    }
}

/// `lape check --format json`'s diagnostics for one file.
fn diagnostics_of(site: &Site, file: &str) -> Vec<serde_json::Value> {
    let run = site.lape(&["check", "--format", "json"]);
    let all: Vec<serde_json::Value> =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.all()));
    all.into_iter()
        .filter(|d| d["file"].as_str().is_some_and(|f| f.ends_with(file)))
        .collect()
}

fn at<'a>(diags: &'a [serde_json::Value], code: &str, line: u64) -> &'a serde_json::Value {
    diags
        .iter()
        .find(|d| d["code"] == code && d["line"] == line)
        .unwrap_or_else(|| panic!("no {code} at line {line}: {diags:#?}"))
}

/// Issue 16: one bad value no longer hides the rest of the file. The seven problems of one
/// memo come in one run, each at its own line with a hint written for it.
#[test]
fn every_problem_of_a_file_in_one_run_even_when_a_value_breaks() {
    let site = Site::fixture("basic");
    site.write(
        "content/memos/seitseman.md",
        "---\ndate: 2018-13-45\nregions: [kainu]\nthemes: [perhekeskuss]\n---\n\
         Katso [muistio](puuttuu.md) ja [otsikko](2016-03-29-kokousmuistio.md#ei-ole) sekä [[ei-mitaan]].\n",
    );
    let d = diagnostics_of(&site, "seitseman.md");
    assert_eq!(d.len(), 7, "{d:#?}");
    assert!(at(&d, "missing-field", 1)["hint"].as_str().unwrap().contains("title:"));
    assert!(at(&d, "yaml", 2)["hint"].as_str().unwrap().contains("2018-09-10"));
    assert!(at(&d, "unknown-region", 3)["hint"].as_str().unwrap().contains("kainuu"));
    assert!(
        at(&d, "unknown-theme", 4)["hint"]
            .as_str()
            .unwrap()
            .contains("perhekeskus")
    );
    assert!(at(&d, "broken-link", 6)["hint"].as_str().is_some());
    assert!(at(&d, "broken-anchor", 6)["hint"].as_str().unwrap().contains("lasna"));
    assert!(at(&d, "broken-wikilink", 6)["hint"].as_str().is_some());
    site.write(
        "content/memos/paiva.md",
        "---\ntitle: Päivä\ndate: 2018-13-45\nregions: [kainuu]\n---\nTeksti.\n",
    );
    let run = site.lape(&["check"]);
    assert!(
        !run.all().contains("region-empty"),
        "a broken date no longer hides the region the file names: {}",
        run.all()
    );

    site.write(
        "content/memos/ehka.md",
        "---\ntitle: Ehkä\ndate: 2018-01-01\ndraft: ehkä\nregions: [kainu]\n---\nLinkki [rikki](ei-ole.md).\n",
    );
    let d = diagnostics_of(&site, "ehka.md");
    assert_eq!(d.len(), 3, "{d:#?}");
    let draft = at(&d, "yaml", 4);
    assert!(draft["hint"].as_str().unwrap().contains("true or false"), "{draft}");
    assert!(
        !draft["hint"].as_str().unwrap().contains("indentation"),
        "a type error is no indentation problem"
    );
    at(&d, "unknown-region", 5);
    at(&d, "broken-link", 7);
}

/// An unclosed quote or bracket is reported where its value starts, with a hint for it.
#[test]
fn an_unclosed_quote_or_bracket_is_reported_at_its_own_line() {
    let site = Site::fixture("basic");
    site.write(
        "content/memos/lainaus.md",
        "---\ntitle: \"Testimuistio\ndate: 2018-01-01\nregions: [kainuu]\n---\nTeksti.\n",
    );
    site.write(
        "content/memos/sulku.md",
        "---\ntitle: Sulku\ndate: 2018-01-01\nregions: [kainuu\nthemes: [perhekeskus]\n---\nTeksti.\n",
    );
    let d = diagnostics_of(&site, "lainaus.md");
    assert_eq!(d.len(), 1, "{d:#?}");
    let q = at(&d, "yaml", 2);
    assert!(q["hint"].as_str().unwrap().contains("never closed"), "{q}");
    let d = diagnostics_of(&site, "sulku.md");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(at(&d, "yaml", 4)["hint"].as_str().unwrap().contains(']'));
}

/// Warnings come grouped by code with a count; `[check] allow` quiets a known code (never an
/// error); a build with warnings names their codes and points at `lape check` (issue 16).
#[test]
fn warnings_are_grouped_counted_and_can_be_allowed() {
    let site = Site::fixture("basic");
    for slug in ["lappi", "kainuu2", "satakunta"] {
        site.write(
            &format!("content/regions/{slug}.md"),
            format!("---\ntitle: {slug}\n---\n"),
        );
    }
    let run = site.lape(&["check"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(
        run.stderr.matches("warning[region-empty]").count(),
        1,
        "one in full: {}",
        run.stderr
    );
    assert!(run.stderr.contains("= 3 more of region-empty:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/regions/satakunta.md:1: no document names the region 'satakunta'")
    );
    assert!(
        run.stderr.contains("5 warnings (region-empty 4, pilot-unmentioned 1)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains('\x1b'), "no terminal codes into a pipe");
    assert!(
        run.stderr.contains("[check] allow = [\"region-empty\"]"),
        "says how to quiet it: {}",
        run.stderr
    );

    let build = site.lape(&["build"]);
    assert_eq!(build.code, 0);
    assert!(
        build
            .stdout
            .contains("warnings (region-empty 4, pilot-unmentioned 1): lape check shows them"),
        "{}",
        build.stdout
    );
    assert!(
        !build.stdout.contains('\x1b') && !build.stderr.contains('\x1b'),
        "no terminal codes into a pipe"
    );

    let toml = site.read("book.toml") + "\n[check]\nallow = [\"region-empty\", \"unknown-region\"]\n";
    site.write("book.toml", toml);
    site.write(
        "content/memos/v.md",
        "---\ntitle: V\ndate: 2018-01-01\nregions: [kainu]\n---\n",
    );
    let run = site.lape(&["check", "--format", "json"]);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("json");
    assert!(!diags.iter().any(|d| d["code"] == "region-empty"), "allowed: {diags:?}");
    assert!(
        diags.iter().any(|d| d["code"] == "unknown-region"),
        "an error is never quieted"
    );
    assert!(
        diags.iter().any(|d| d["code"] == "pilot-unmentioned"),
        "other warnings stay"
    );
    assert_eq!(run.code, 1);
}

/// The seven-problem memo plus the seven error classes: many codes and hints to compare.
fn many_problems() -> Site {
    let site = seven_errors();
    site.write(
        "content/memos/seitseman.md",
        "---\ndate: 2018-13-45\nregions: [kainu]\nthemes: [perhekeskuss]\n---\n\
         Katso [muistio](puuttuu.md) ja [otsikko](2016-03-29-kokousmuistio.md#ei-ole) sekä [[ei-mitaan]].\n",
    );
    site
}

#[test]
fn json_is_the_same_in_finnish_and_english_but_for_the_words() {
    let site = many_problems();
    let parse = |lang: &str| -> Vec<serde_json::Value> {
        let run = site.lape(&["check", "--format", "json", "--lang", lang]);
        assert_eq!(run.code, 1, "{}", run.all());
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.all()))
    };
    let (fi, en) = (parse("fi"), parse("en"));
    assert!(fi.len() >= 12, "{fi:#?}");
    assert_eq!(fi.len(), en.len());
    let words = ["message", "hint"];
    let mut differ = 0;
    for (f, e) in fi.iter().zip(&en) {
        let (f, e) = (f.as_object().unwrap(), e.as_object().unwrap());
        assert_eq!(
            f.keys().collect::<Vec<_>>(),
            e.keys().collect::<Vec<_>>(),
            "the same fields"
        );
        for (k, v) in f {
            if words.contains(&k.as_str()) {
                differ += usize::from(v != &e[k]);
            } else {
                assert_eq!(v, &e[k], "'{k}' does not depend on the language");
            }
        }
    }
    // Every message is put into words in each language; most sentences differ (a YAML
    // parser's own detail may not).
    assert!(differ * 2 > fi.len(), "only {differ} of {} differ", fi.len());
    let fi_text = serde_json::to_string(&fi).unwrap();
    assert!(fi_text.contains("tarkoititko 'kainuu'?"), "{fi_text}");
    assert!(fi_text.contains("tuntematon maakunta 'kainu'"), "{fi_text}");
    let en_text = serde_json::to_string(&en).unwrap();
    assert!(en_text.contains("did you mean 'kainuu'?"), "{en_text}");
}

#[test]
fn a_finnish_bank_speaks_finnish_unless_the_locale_or_flag_says_english() {
    let site = many_problems();
    let plain = site.lape_in_locale(None, &["check"]);
    assert!(plain.stderr.contains("tarkoititko 'kainuu'?"), "{}", plain.stderr);
    assert!(plain.stderr.contains("virhettä"), "the summary too: {}", plain.stderr);
    let english = site.lape_in_locale(Some("en_GB.UTF-8"), &["check"]);
    assert!(english.stderr.contains("did you mean 'kainuu'?"), "{}", english.stderr);
    assert!(english.stderr.contains(" errors, "), "{}", english.stderr);
    let flag = site.lape_in_locale(Some("en_GB.UTF-8"), &["check", "--lang", "fi"]);
    assert!(
        flag.stderr.contains("tarkoititko 'kainuu'?"),
        "--lang wins: {}",
        flag.stderr
    );
    // Codes stay the same in every language.
    for run in [&plain, &english, &flag] {
        assert!(run.stderr.contains("[unknown-region]"), "{}", run.stderr);
    }
    let one = Site::fixture("basic");
    one.write(
        "content/memos/yksi.md",
        "---\ntitle: Yksi\ndate: 2018-01-01\nregions: [kainu]\n---\nx\n",
    );
    let run = one.lape_in_locale(None, &["check"]);
    assert!(run.stderr.contains("1 virhe,"), "singular: {}", run.stderr);
}

#[test]
fn help_follows_the_same_choice_of_language() {
    let site = Site::fixture("basic");
    // The bank under --root (which lape_in_locale passes) is Finnish.
    let finnish = site.lape_in_locale(None, &["build", "--help"]);
    assert!(finnish.stdout.contains("Käyttö: lape build"), "{}", finnish.stdout);
    assert!(finnish.stdout.contains("Tulostekansio"), "{}", finnish.stdout);
    assert!(!finnish.stdout.contains("Print help"), "{}", finnish.stdout);
    let english = site.lape_in_locale(Some("en_GB.UTF-8"), &["build", "--help"]);
    assert!(english.stdout.contains("Usage: lape build"), "{}", english.stdout);
    assert!(english.stdout.contains("Output folder"), "{}", english.stdout);
    let flag = site.lape_in_locale(Some("en_GB.UTF-8"), &["--lang=fi", "--help"]);
    assert!(flag.stdout.contains("Komennot:"), "{}", flag.stdout);
}
