//! Search that understands Finnish: `lape search` on the real bank (issue 4).

use crate::support::{Site, real_built};

fn search_json(site: &Site, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--json", "-n", "100"]);
    let run = site.lape(&all);
    assert_eq!(run.code, 0, "{}", run.all());
    serde_json::from_str::<serde_json::Value>(&run.stdout)
        .expect("json")
        .as_array()
        .expect("array")
        .clone()
}

fn urls(hits: &[serde_json::Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["url"].as_str().expect("url").to_string())
        .collect()
}

/// Site paths of the real bank's documents whose Markdown contains `needle` (case-insensitive).
fn docs_containing(site: &Site, needle: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (folder, section) in [
        ("memos", "muistiot"),
        ("workshops", "tyopajat"),
        ("pilots", "pilotit"),
        ("services", "palvelut"),
    ] {
        for e in std::fs::read_dir(site.path().join("content").join(folder))
            .expect("folder")
            .filter_map(Result::ok)
        {
            let text = std::fs::read_to_string(e.path()).expect("read").to_lowercase();
            if text.contains(needle) {
                let stem = e.path().file_stem().expect("stem").to_string_lossy().to_string();
                out.push(format!(
                    "/{section}/{}/",
                    lape_kb::slug::slugify(lape_kb::slug::strip_date_prefix(&stem))
                ));
            }
        }
    }
    out
}

#[test]
fn inflected_query_finds_every_form() {
    let site = real_built();
    let found = urls(&search_json(site, &["perhekeskuksissa"]));
    let expected = docs_containing(site, "perhekesku");
    assert!(expected.len() >= 3);
    for e in &expected {
        assert!(
            found.contains(e),
            "{e} uses 'perhekeskus' in some form but was not found: {found:?}"
        );
    }
}

#[test]
fn compound_part_finds_the_compound() {
    let site = real_built();
    let found = urls(&search_json(site, &["toimintamalli"]));
    let expected = docs_containing(site, "perhekeskustoimintamalli");
    assert!(!expected.is_empty());
    for e in &expected {
        assert!(found.contains(e), "{e} contains 'perhekeskustoimintamalli': {found:?}");
    }
}

#[test]
fn region_filter_keeps_only_that_region() {
    let site = real_built();
    let hits = search_json(site, &["lastensuojelu", "--region", "pirkanmaa"]);
    assert!(!hits.is_empty());
    for url in urls(&hits) {
        let page = site.read(&format!("public{url}index.html"));
        assert!(
            page.contains("href=\"/alueet/pirkanmaa/\""),
            "{url} is not a Pirkanmaa document"
        );
    }
    let all = search_json(site, &["lastensuojelu"]);
    assert!(all.len() > hits.len(), "without the filter other regions appear too");
}

#[test]
fn phrase_and_ascii_queries() {
    let site = real_built();
    let phrase = urls(&search_json(site, &["\"systeeminen lastensuojelu\""]));
    assert!(
        phrase.contains(&"/pilotit/systeeminen-lastensuojelu-pirkanmaa/".to_string()),
        "{phrase:?}"
    );
    let ascii = urls(&search_json(site, &["paijat-hame"]));
    assert!(ascii.iter().any(|u| u.contains("paijat-hame")), "{ascii:?}");
    let plain = urls(&search_json(site, &["paivaperho"]));
    assert!(plain.contains(&"/pilotit/paivaperho/".to_string()), "{plain:?}");
}

#[test]
fn malformed_query_is_an_error_not_a_panic() {
    let site = real_built();
    let run = site.lape(&["search", "AND OR ("]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot understand the query"), "{}", run.stderr);
    let human = site.lape(&["search", "VATU"]);
    assert_eq!(human.code, 0);
    assert!(human.stdout.contains("/pilotit/vatu/"), "{}", human.stdout);
}

#[test]
fn drafts_are_not_indexed() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    assert!(search_json(&site, &["Kvartsiluonnos"]).is_empty());
    assert!(search_json(&site, &["Salaisuusluonnos"]).is_empty());
    site.build_ok(&["--drafts"]);
    assert_eq!(
        search_json(&site, &["Kvartsiluonnos"]).len(),
        1,
        "the test can fail: with --drafts the word is found"
    );
}

#[test]
fn contacts_are_not_indexed() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    // The fixture pilot has a contact named "Testi Henkilö" with an e-mail address.
    assert!(search_json(&site, &["Henkilö"]).is_empty());
    assert!(search_json(&site, &["testi@example.fi"]).is_empty());
}

/// Every file of both search indexes (the tantivy folder and the browser's), contents as text.
fn index_files(site: &Site) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in [".lape/search-index", "public/hakuindeksi"] {
        for e in walkdir::WalkDir::new(site.path().join(dir))
            .into_iter()
            .filter_map(Result::ok)
        {
            if e.file_type().is_file() {
                let bytes = std::fs::read(e.path()).expect("read");
                out.push((
                    e.path().display().to_string(),
                    String::from_utf8_lossy(&bytes).to_lowercase(),
                ));
            }
        }
    }
    out
}

#[test]
fn drafts_and_contacts_reach_no_file_of_either_index() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let files = index_files(&site);
    assert!(files.len() > 10, "both indexes were written: {}", files.len());
    // The draft's own words, and the pilot's contact person (shown on its page, never indexed).
    for needle in [
        "kvartsiluonnos",
        "salaisuusluonnos",
        "testi henkilö",
        "henkilö",
        "henkilo",
        "testi@example.fi",
    ] {
        let hits: Vec<&String> = files
            .iter()
            .filter(|(_, t)| t.contains(needle))
            .map(|(p, _)| p)
            .collect();
        assert!(hits.is_empty(), "{needle} is in {hits:?}");
    }
    // The test can fail: with --drafts the draft's words are indexed.
    site.build_ok(&["--drafts"]);
    assert!(index_files(&site).iter().any(|(_, t)| t.contains("kvartsiluonnos")));
    assert!(
        site.read("public/pilotit/vatu/index.html").contains("Testi Henkilö"),
        "the contact is on the page itself"
    );
}

/// The realistic query set (`tests/search/queries.tsv`, expected pages taken from the text by
/// `tests/tools/make_query_set.py`): every query finds its page among its first ten results.
#[test]
fn realistic_queries_find_their_pages() {
    let site = real_built();
    let set = std::fs::read_to_string(crate::support::repo().join("tests/search/queries.tsv")).expect("query set");
    let rows: Vec<(&str, &str, &str)> = set
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[0], c[1], c[2])
        })
        .collect();
    assert!(rows.len() >= 80, "{} queries", rows.len());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lape"))
        .args(["search", "--batch", "-n", "10", "--root"])
        .arg(site.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("lape search --batch");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        for (q, _, _) in &rows {
            writeln!(stdin, "{q}").expect("write query");
        }
    }
    let out = child.wait_with_output().expect("batch output");
    let answers: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(answers.len(), rows.len());
    let misses: Vec<String> = rows
        .iter()
        .zip(&answers)
        .filter(|((_, want, _), a)| {
            !a["hits"]
                .as_array()
                .is_some_and(|hits| hits.iter().any(|h| h["url"] == *want))
        })
        .map(|((q, want, class), a)| {
            let got: Vec<&str> = a["hits"]
                .as_array()
                .map(|h| h.iter().filter_map(|x| x["url"].as_str()).collect())
                .unwrap_or_default();
            format!("{q:?} ({class}) should find {want}, found {got:?}")
        })
        .collect();
    assert!(
        misses.is_empty(),
        "{} of {} missed:\n{}",
        misses.len(),
        rows.len(),
        misses.join("\n")
    );
}

/// A page about a subject (its title and summary name it) ranks above pages that mention it once
/// in a list, however long or recent they are.
#[test]
fn the_page_about_a_word_ranks_first() {
    let site = Site::fixture("basic");
    site.write(
        "content/memos/2016-05-02-perheneuvola.md",
        "---\ntitle: Perheneuvolan uusi toimintamalli\ndate: 2016-05-02\nregions: [kainuu]\n\
         summary: Perheneuvola muuttaa toimintaansa.\n---\nNeuvolan ja perheneuvolan yhteistyö.\n",
    );
    for (i, day) in ["2018-01-10", "2018-02-11", "2018-03-12"].iter().enumerate() {
        let filler = "Kokouksessa käsiteltiin asioita ja sovittiin jatkosta. ".repeat(20);
        site.write(
            &format!("content/memos/{day}-kokous-{i}.md"),
            format!(
                "---\ntitle: Kokous {i}\ndate: {day}\nregions: [kainuu]\n---\n{filler}\n\n\
                 - koulu\n- perheneuvolat\n- sosiaalitoimi\n"
            ),
        );
    }
    site.build_ok(&[]);
    for q in ["perheneuvola", "perheneuvolassa", "perheneuvolat"] {
        let found = urls(&search_json(&site, &[q]));
        assert_eq!(found.len(), 4, "{q}: {found:?}");
        assert_eq!(found[0], "/muistiot/perheneuvola/", "{q}: {found:?}");
    }
}

/// A compound's part counts half a word: for `psykologi`, a page that writes the word ranks
/// above one that writes it only inside compounds, as often, in the same field; the compound
/// is still found.
#[test]
fn a_word_outranks_the_same_word_inside_a_compound() {
    let site = Site::fixture("basic");
    let filler = "Kokouksessa käsiteltiin asioita ja sovittiin jatkosta. ".repeat(5);
    site.write(
        "content/memos/2018-01-10-koulu.md",
        format!("---\ntitle: Kokous A\ndate: 2018-01-10\nregions: [kainuu]\n---\n{filler} Koulupsykologi ja koulupsykologit.\n"),
    );
    site.write(
        "content/memos/2016-01-10-psykologi.md",
        format!("---\ntitle: Kokous B\ndate: 2016-01-10\nregions: [kainuu]\n---\n{filler} Psykologi ja psykologit.\n"),
    );
    site.build_ok(&[]);
    for q in ["psykologi", "psykologille"] {
        let found = urls(&search_json(&site, &[q]));
        assert_eq!(found, ["/muistiot/psykologi/", "/muistiot/koulu/"], "{q}");
    }
}

/// List items, table cells and headings are separate blocks: a word at the end of one and a
/// word at the start of the next are two words in both indexes, never one glued token.
#[test]
fn block_boundaries_separate_words() {
    let site = Site::fixture("basic");
    site.write(
        "content/memos/2016-06-01-rajat.md",
        "---\ntitle: Rajat\ndate: 2016-06-01\nregions: [kainuu]\n---\n\
         - kehittäminen\n  - Yhteinen\n    - suunnitelma\n\n| Sarake | Toinen |\n|---|---|\n| solu | Kenttä |\n\n\
         ## Otsikkosana\nKappalesana.\n",
    );
    site.build_ok(&[]);
    for q in [
        "kehittäminen",
        "yhteinen",
        "suunnitelma",
        "solu",
        "kenttä",
        "otsikkosana",
        "kappalesana",
    ] {
        assert!(
            urls(&search_json(&site, &[q])).contains(&"/muistiot/rajat/".to_string()),
            "{q} is a word of its own"
        );
    }
    for glued in [
        "kehittäminenyhteinen",
        "solukenttä",
        "otsikkosanakappalesana",
        "yhteinensuunnitelma",
    ] {
        assert!(
            search_json(&site, &[glued]).is_empty(),
            "{glued} is no word of the page"
        );
    }
    // The browser's index has the same words: its table of forms is built from the same scan.
    let forms = site.read(".lape/search-index/lape-forms.tsv");
    assert!(!forms.contains("kehittaminenyhteinen") && forms.contains("yhteinen"));
}

/// A word in a heading counts for more than the same word in running text: title > summary >
/// headings > body.
#[test]
fn a_heading_outranks_running_text() {
    let site = Site::fixture("basic");
    let filler = "Kokouksessa käsiteltiin asioita ja sovittiin jatkosta. ".repeat(10);
    site.write(
        "content/memos/2018-01-10-teksti.md",
        format!("---\ntitle: Kokous A\ndate: 2018-01-10\nregions: [kainuu]\n---\n## Muuta\n{filler} Sijoituskoti.\n"),
    );
    site.write(
        "content/memos/2016-01-10-otsikko.md",
        format!("---\ntitle: Kokous B\ndate: 2016-01-10\nregions: [kainuu]\n---\n## Sijoituskoti\n{filler} Muuta.\n"),
    );
    site.build_ok(&[]);
    let found = urls(&search_json(&site, &["sijoituskoti"]));
    assert_eq!(
        found,
        ["/muistiot/otsikko/", "/muistiot/teksti/"],
        "the older page with the heading first"
    );
}
