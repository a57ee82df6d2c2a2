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
        ("content/memos/a-bad-yaml.md:5", "yaml"),
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
