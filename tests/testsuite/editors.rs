//! Editors' workflow: `lape new`, the JSON Schema, and `updated` dates from git (issue 7).

use crate::support::Site;
use std::process::Command;

#[test]
fn new_document_of_each_kind_checks_once_filled() {
    let site = Site::fixture("basic");
    for kind in ["memo", "workshop", "pilot", "service", "region", "theme", "page"] {
        let title = format!("Uusi {kind} Äänekoskelta");
        let run = site.lape(&["new", kind, &title, "--date", "1.10.2018"]);
        assert_eq!(run.code, 0, "{kind}: {}", run.all());
        let rel = run.stdout.trim().to_string();
        assert!(rel.ends_with(".md") && rel.contains("aanekoskelta"), "{rel}");
        let text = site.read(&rel);
        assert!(text.contains(&format!("title: \"{title}\"")), "{text}");
        let check = site.lape(&["check"]);
        let needs_fill = matches!(kind, "memo" | "workshop" | "pilot" | "service");
        if needs_fill {
            assert_eq!(check.code, 1, "{kind}: placeholders must fail check: {}", check.all());
            assert!(check.stderr.contains(&rel), "{}", check.stderr);
            let filled = text
                .replace("regions: []  # TÄYTÄ", "regions: [kainuu]  #")
                .replace("status:  # TÄYTÄ", "status: kokeilu  #");
            site.write(&rel, filled);
        }
        let check = site.lape(&["check"]);
        assert_eq!(check.code, 0, "{kind} after filling: {}", check.all());
    }
    let pilot = std::fs::read_dir(site.path().join("content/pilots"))
        .expect("pilots")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().contains("aanekoskelta"))
        .expect("new pilot");
    let text = std::fs::read_to_string(pilot.path()).expect("read");
    assert!(text.contains("## Ratkaisun perusidea") && text.contains("## Toimivuuden ja käyttöönoton ehdot"));
    assert!(
        text.contains("# contacts: []"),
        "optional fields listed as comments: {text}"
    );
}

#[test]
fn new_refuses_to_overwrite_and_checks_slugs() {
    let site = Site::fixture("basic");
    let args = [
        "new",
        "memo",
        "Sama otsikko",
        "--region",
        "kainuu",
        "--date",
        "2018-10-01",
    ];
    assert_eq!(site.lape(&args).code, 0);
    let before = site.read("content/memos/2018-10-01-sama-otsikko.md");
    let again = site.lape(&args);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(site.read("content/memos/2018-10-01-sama-otsikko.md"), before);
    let bad = site.lape(&[
        "new",
        "memo",
        "Toinen",
        "--region",
        "pirknamaa",
        "--theme",
        "perhekeskuss",
    ]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("did you mean 'pirkanmaa'?") && bad.stderr.contains("did you mean 'perhekeskus'?"),
        "{}",
        bad.stderr
    );
    // Region names are accepted as editors write them.
    let named = site.lape(&[
        "new",
        "workshop",
        "Kolmas",
        "--region",
        "Päijät-Häme",
        "--date",
        "2018-10-02",
    ]);
    assert_eq!(named.code, 0, "{}", named.all());
    assert!(
        site.read("content/workshops/2018-10-02-kolmas.md")
            .contains("regions: [paijat-hame]")
    );
}

#[test]
fn schema_is_written_by_build_and_lists_the_banks_slugs() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let memo: serde_json::Value = serde_json::from_str(&site.read(".lape/schema/memo.schema.json")).expect("json");
    assert_eq!(memo["required"], serde_json::json!(["title", "date", "regions"]));
    let regions = &memo["properties"]["regions"]["anyOf"][0]["enum"];
    assert_eq!(regions, &serde_json::json!(["kainuu", "paijat-hame", "pirkanmaa"]));
    let run = site.lape(&["schema", "--out", "skeema"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(site.path().join("skeema/pilot.schema.json").is_file());
}

fn git(site: &Site, args: &[&str], date: &str) {
    let ok = Command::new("git")
        .args([
            "-c",
            "user.name=Toimittaja",
            "-c",
            "user.email=t@example.fi",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(site.path())
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git");
    assert!(
        ok.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

#[test]
fn updated_dates_come_from_each_files_last_edit_and_an_added_file_has_none() {
    let site = Site::fixture("basic");
    git(&site, &["init", "-q"], "2019-05-05T10:00:00+02:00");
    git(&site, &["add", "-A"], "2019-05-05T10:00:00+02:00");
    git(&site, &["commit", "-qm", "eka"], "2019-05-05T10:00:00+02:00");
    site.write(
        "content/pilots/vatu.md",
        site.read("content/pilots/vatu.md") + "\nLisäys.\n",
    );
    git(&site, &["commit", "-qam", "toka"], "2021-02-03T12:00:00+02:00");
    site.build_ok(&[]);
    let vatu = site.read("public/pilotit/vatu/index.html");
    assert!(
        vatu.contains("<time datetime=\"2021-02-03\">3.2.2021</time>"),
        "vatu updated from the second commit"
    );
    // Issue 15: the commit that added a file is not an edit of it.
    let memo = site.read("public/muistiot/kokousmuistio/index.html");
    assert!(
        !memo.contains("Päivitetty") && !memo.contains("2019-05-05"),
        "a memo that was only added shows no update date"
    );
    assert!(
        site.read("public/sitemap.xml")
            .contains("<lastmod>2021-02-03</lastmod>")
    );
}

/// `lape new` takes the Finnish kind names editors use (issue 16).
#[test]
fn lape_new_takes_finnish_kind_names() {
    let site = Site::fixture("basic");
    for (i, (kind, folder)) in [
        ("muistio", "memos"),
        ("työpaja", "workshops"),
        ("tyopaja", "workshops"),
        ("pilotti", "pilots"),
        ("palvelu", "services"),
        ("teema", "themes"),
        ("alue", "regions"),
        ("sivu", "pages"),
    ]
    .into_iter()
    .enumerate()
    {
        let title = format!("Uusi {i} kokeeksi");
        let run = site.lape(&["new", kind, &title, "--region", "kainuu"]);
        assert_eq!(run.code, 0, "{kind}: {}", run.all());
        let made = std::fs::read_dir(site.path().join("content").join(folder))
            .expect("folder")
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().contains("kokeeksi"));
        assert!(made, "{kind}: no file in content/{folder}: {}", run.all());
    }
    let run = site.lape(&["new", "muistoi", "X"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean 'muistio'?"), "{}", run.stderr);
}

/// `lape search` says what a mistyped filter meant, and an empty search is a usage error.
#[test]
fn lape_search_suggests_filters_and_refuses_an_empty_search() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let run = site.lape(&["search", "--region", "kainu", "perhekeskus"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("did you mean 'kainuu'?"), "{}", run.stderr);
    let run = site.lape(&["search", "--theme", "perhekeskuss", "x"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean 'perhekeskus'?"), "{}", run.stderr);
    let run = site.lape(&["search", "--kind", "pilotti", "vatu"]);
    assert_eq!(run.code, 0, "a Finnish kind name: {}", run.all());
    assert!(run.stdout.contains("/pilotit/vatu/"), "{}", run.stdout);
    for empty in [&["search", ""][..], &["search", "   "]] {
        let run = site.lape(empty);
        assert_eq!(run.code, 2, "{empty:?}: {}", run.all());
        assert!(run.stderr.contains("nothing to search for"), "{}", run.stderr);
    }
    assert_eq!(site.lape(&["search"]).code, 2, "no query at all is a usage error too");
    let run = site.lape(&["search", "--region", "pirkanmaa", ""]);
    assert_eq!(run.code, 0, "a filter alone is a search: {}", run.all());
}
