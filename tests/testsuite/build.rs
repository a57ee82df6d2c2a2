//! `lape build`: pages, atomic output, drafts, Finnish formatting.

use crate::support::{Site, main_of};

#[test]
fn builds_every_kind_and_home() {
    let site = Site::fixture("basic");
    let run = site.build_ok(&[]);
    assert!(run.stdout.contains("built 10 documents"), "{}", run.stdout);
    for page in [
        "public/index.html",
        "public/muistiot/index.html",
        "public/tyopajat/index.html",
        "public/pilotit/index.html",
        "public/palvelut/index.html",
        "public/alueet/index.html",
        "public/teemat/index.html",
        "public/muistiot/kokousmuistio/index.html",
        "public/tyopajat/tyopaja/index.html",
        "public/pilotit/vatu/index.html",
        "public/palvelut/neuvola/index.html",
        "public/alueet/paijat-hame/index.html",
        "public/teemat/perhekeskus/index.html",
        "public/kunnat/index.html",
        "public/yleiskuva/index.html",
        "public/404.html",
        "public/sitemap.xml",
        "public/atom.xml",
        "public/static/style.css",
    ] {
        assert!(site.path().join(page).is_file(), "missing {page}");
    }
}

#[test]
fn document_page_is_finnish_and_links_resolve() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let html = site.read("public/muistiot/kokousmuistio/index.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fi\">"));
    assert!(html.contains("<title>Kokousmuistio – Muistio – Testipankki</title>"));
    let main = main_of(&html);
    assert!(
        main.contains("<time datetime=\"2016-03-29\">29.3.2016</time>"),
        "{main}"
    );
    assert!(
        main.contains("href=\"/pilotit/vatu/#ratkaisun-perusidea\""),
        "relative .md link rewritten: {main}"
    );
    assert!(main.contains("href=\"/tyopajat/tyopaja/\""), "wikilink resolved");
    assert!(main.contains("<th scope=\"col\">Kunta</th>"));
    assert!(main.contains("class=\"ta-right\""));
    assert!(
        main.contains("<pre class=\"hl-code\" tabindex=\"0\"><code class=\"language-rust\">"),
        "code highlighted"
    );
    assert!(main.contains("<h2 id=\"lasna\">Läsnä</h2>"), "Finnish heading anchor");
    // Finnish input date 10.9.2018 is shown the same way.
    let ws = site.read("public/tyopajat/tyopaja/index.html");
    assert!(ws.contains("10.9.2018"));
}

#[test]
fn lists_are_newest_first() {
    let site = Site::fixture("basic");
    site.write(
        "content/memos/2020-05-05-uusin.md",
        "---\ntitle: Uusin\ndate: 2020-05-05\nregions: [kainuu]\n---\n",
    );
    site.build_ok(&[]);
    let list = site.read("public/muistiot/index.html");
    let a = list.find("Uusin").expect("newest listed");
    let b = list.find("Kokousmuistio").expect("older listed");
    assert!(a < b, "newest first");
}

#[test]
fn failed_build_leaves_previous_output_byte_for_byte() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let before = site.snapshot("public");
    assert!(before.len() > 10);
    site.write("content/memos/rikki.md", "---\ntitle: [rikki\n---\n");
    let run = site.lape(&["build"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stderr.contains("content/memos/rikki.md:2"), "{}", run.stderr);
    assert_eq!(site.snapshot("public"), before, "public/ changed after a failed build");
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .expect("read root")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("lape-staging"))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind");
}

/// Files whose bytes contain `needle`.
fn any_file_contains(site: &Site, dir: &str, needle: &str) -> Vec<String> {
    site.snapshot(dir)
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(p, _)| p.display().to_string())
        .collect()
}

#[test]
fn drafts_reach_no_output_file() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    for word in ["Kvartsiluonnos", "Salaisuusluonnos", "luonnos/"] {
        let hits = any_file_contains(&site, "public", word);
        assert!(hits.is_empty(), "draft word {word} leaked into {hits:?}");
    }
    site.build_ok(&["--drafts"]);
    assert!(
        !any_file_contains(&site, "public", "Kvartsiluonnos").is_empty(),
        "--drafts publishes drafts"
    );
}

#[test]
fn output_and_base_url_flags() {
    let site = Site::fixture("basic");
    site.build_ok(&["--output", "ulos", "--base-url", "https://x.example.fi/lape/"]);
    let html = site.read("ulos/muistiot/kokousmuistio/index.html");
    assert!(html.contains("href=\"/lape/pilotit/vatu/#ratkaisun-perusidea\""));
    assert!(
        site.read("ulos/sitemap.xml")
            .contains("<loc>https://x.example.fi/lape/muistiot/kokousmuistio/</loc>")
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn unknown_book_toml_keys_are_errors() {
    let site = Site::fixture("basic");
    site.write("book.toml", "[book]\ntitel = \"x\"\n[site]\nbase_url = \"/\"\n");
    let run = site.lape(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("unknown key 'book.titel'"), "{}", run.stderr);
    assert!(run.stderr.contains("book.toml:4"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean 'base-url'?"), "{}", run.stderr);
}

#[test]
fn real_bank_builds() {
    let site = Site::real_bank();
    let run = site.build_ok(&[]);
    assert!(run.stdout.contains("built "), "{}", run.stdout);
    let regions = site.snapshot("public/alueet");
    assert_eq!(
        regions.keys().filter(|p| p.ends_with("index.html")).count(),
        19 + 1,
        "19 region pages and the list"
    );
}

#[test]
fn pages_only_by_flag_or_by_book_toml() {
    for how in ["flag", "book.toml"] {
        let site = Site::real_bank();
        if how == "flag" {
            site.build_ok(&["--no-search"]);
        } else {
            let book = site.read("book.toml");
            site.write(
                "book.toml",
                book.replacen("[search]\n", "[search]\nenabled = false\n", 1),
            );
            let run = site.build_ok(&[]);
            assert!(!run.all().contains("unknown key"), "{how}: {}", run.all());
        }
        assert!(site.path().join("public/index.html").is_file(), "{how}: no pages");
        assert!(
            !site.path().join("public/hakuindeksi").exists(),
            "{how}: browser index written"
        );
        assert!(
            !site.path().join(".lape/search-index").exists(),
            "{how}: tantivy index written"
        );
    }
    // The default still writes both.
    let site = Site::real_bank();
    site.build_ok(&[]);
    assert!(site.path().join("public/hakuindeksi").is_dir());
    assert!(site.path().join(".lape/search-index").is_dir());
}
