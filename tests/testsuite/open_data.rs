//! The bank as open data: `/data/`, `lape export`, JSON-LD on every page, and personal data
//! kept out of every bulk file.

use crate::support::Site;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn the_data_lists_every_published_document_once_and_no_draft_or_person() {
    let site = Site::fixture("basic");
    // The contact's name in running text too: the page may show it, bulk data may not.
    site.write(
        "content/memos/2018-05-05-yhteys.md",
        "---\ntitle: Yhteystiedot\ndate: 2018-05-05\nregions: [kainuu]\nsummary: \"Kysy Testi Henkilöltä, testi@example.fi, 040 1234567\"\n---\nYhteyshenkilö on Testi Henkilö (testi@example.fi, puh. 040 1234567).\n",
    );
    site.build_ok(&[]);
    let bank = json(&site.read("public/data/bank.json"));
    let docs = bank["documents"].as_array().expect("documents");
    let slugs: Vec<&str> = docs.iter().filter_map(|d| d["slug"].as_str()).collect();
    assert!(
        slugs.contains(&"vatu") && slugs.contains(&"kokousmuistio") && slugs.contains(&"yhteys"),
        "{slugs:?}"
    );
    assert!(!slugs.contains(&"luonnos"), "no draft: {slugs:?}");
    let mut unique = slugs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), slugs.len(), "each once");
    assert_eq!(bank["licence"]["name"], "CC BY 4.0");
    let vatu = docs.iter().find(|d| d["slug"] == "vatu").expect("vatu");
    assert!(vatu.get("contacts").is_none(), "{vatu}");
    assert!(
        vatu["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://testi.example.fi/pilotit/vatu/")),
        "{vatu}"
    );
    // Everything under data/ and both search indexes, byte for byte.
    let mut bulk = site.snapshot("public/data");
    bulk.extend(site.snapshot("public/hakuindeksi"));
    bulk.extend(site.snapshot(".lape/search-index"));
    assert!(bulk.len() > 5, "{} files", bulk.len());
    for (path, bytes) in &bulk {
        let text = String::from_utf8_lossy(bytes);
        for secret in ["Testi Henkilö", "testi@example.fi", "040 1234567", "Salaisuusluonnos"] {
            assert!(!text.contains(secret), "{} holds {secret:?}", path.display());
        }
    }
    // The page itself still says what the editor wrote.
    assert!(
        site.read("public/muistiot/yhteys/index.html")
            .contains("testi@example.fi")
    );
    let csv = site.read("public/data/documents.csv");
    assert!(
        csv.starts_with('\u{feff}') && csv.lines().next().is_some_and(|h| h.contains("url;kind;slug;title")),
        "{csv}"
    );
}

/// The fixture with Swedish and English pages too.
fn with_languages(site: &Site) {
    let toml = site.read("book.toml").replace(
        "language = \"fi\"",
        "language = \"fi\"\nui-languages = [\"sv\", \"en\"]",
    );
    site.write("book.toml", toml);
}

#[test]
fn every_page_has_one_json_ld_block_of_its_type() {
    let site = Site::fixture("basic");
    with_languages(&site);
    let kainuu = site
        .read("content/regions/kainuu.md")
        .replacen("---\n", "---\nname_sv: Kajanaland\n", 1);
    site.write("content/regions/kainuu.md", kainuu);
    site.build_ok(&[]);
    let pages = site.snapshot("public");
    let mut seen = 0;
    for (path, bytes) in pages.iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "html")) {
        let html = String::from_utf8_lossy(bytes);
        let blocks: Vec<&str> = html.split("<script type=\"application/ld+json\">").skip(1).collect();
        assert_eq!(blocks.len(), 1, "{}", path.display());
        let text = blocks[0].split("</script>").next().unwrap_or("");
        let ld = json(text);
        assert_eq!(ld["@context"], "https://schema.org", "{}", path.display());
        assert!(
            !text.contains("Testi Henkilö") && !text.contains('<'),
            "{}",
            path.display()
        );
        seen += 1;
    }
    assert!(seen > 20, "{seen} pages");
    let ld = |page: &str| {
        let html = site.read(page);
        json(
            html.split("<script type=\"application/ld+json\">")
                .nth(1)
                .and_then(|s| s.split("</script>").next())
                .unwrap_or(""),
        )
    };
    assert_eq!(ld("public/pilotit/vatu/index.html")["@type"], "Project");
    assert_eq!(ld("public/alueet/kainuu/index.html")["@type"], "AdministrativeArea");
    assert_eq!(ld("public/palvelut/neuvola/index.html")["@type"], "GovernmentService");
    let workshop = ld("public/tyopajat/tyopaja/index.html");
    assert_eq!(workshop["@type"], "Report");
    assert_eq!(workshop["recordedAt"]["@type"], "Event");
    assert_eq!(workshop["recordedAt"]["startDate"], "2018-09-10");
    assert_eq!(
        ld("public/sv/alueet/kainuu/index.html")["name"],
        "Kajanaland",
        "the page's language"
    );
}

#[test]
fn the_data_page_is_named_in_each_language_and_linked_from_the_footer() {
    let site = Site::fixture("basic");
    with_languages(&site);
    site.build_ok(&[]);
    for (page, other) in [
        ("public/avoin-data/index.html", "/sv/oppna-data/"),
        ("public/sv/oppna-data/index.html", "/en/open-data/"),
        ("public/en/open-data/index.html", "/avoin-data/"),
    ] {
        let html = site.read(page);
        assert!(html.contains("bank.json") && html.contains("CC BY 4.0"), "{page}");
        assert!(html.contains(&format!("href=\"{other}\"")), "{page} links to {other}");
    }
    assert!(
        site.read("public/index.html").contains("href=\"/avoin-data/\""),
        "footer link"
    );
}

#[test]
fn export_writes_the_same_files_without_building() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let out = site.path().join("vienti");
    let run = site.lape(&[
        "export",
        "--format",
        "json",
        "--output",
        out.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(
        std::fs::read_to_string(out.join("bank.json")).expect("bank.json"),
        site.read("public/data/bank.json")
    );
    assert!(!out.join("documents.csv").exists(), "json only");
    // A value the data cannot carry is an error with its file and line, and nothing is written.
    site.write(
        "content/memos/2018-01-01-kello.md",
        "---\ntitle: \"Kello\\u0007soi\"\ndate: 2018-01-01\nregions: [kainuu]\n---\nx\n",
    );
    let out2 = site.path().join("vienti2");
    let bad = site.lape(&["export", "--output", out2.to_str().expect("utf-8 path")]);
    assert_eq!(bad.code, 1, "{}", bad.all());
    assert!(
        bad.all().contains("content/memos/2018-01-01-kello.md:2"),
        "{}",
        bad.all()
    );
    assert!(bad.all().contains("[data-control-char]"), "{}", bad.all());
    assert!(!out2.exists(), "nothing written");
    let check = site.lape(&["check"]);
    assert_eq!(check.code, 1);
    assert!(check.all().contains("[data-control-char]"), "{}", check.all());
}
