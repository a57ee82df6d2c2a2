//! Cross-links: regions, themes and pilots as one connected bank (issue 3).

use crate::support::{Site, main_of, section_of};

fn real() -> &'static Site {
    crate::support::real_built()
}

const PIPPURI: &str = "/tyopajat/lape-pippuri-erityistason-palvelut/";
const KESKI_SUOMI: &str = "/tyopajat/keski-suomen-tormayttamistapahtuma/";

#[test]
fn systemic_pilot_lists_the_pirkanmaa_workshop() {
    let html = real().read("public/pilotit/systeeminen-lastensuojelu-pirkanmaa/index.html");
    let mentions = section_of(&html, "mainittu");
    assert!(mentions.contains(PIPPURI), "{mentions}");
}

#[test]
fn pirkanmaa_lists_all_its_pilots() {
    let site = real();
    let html = site.read("public/alueet/pirkanmaa/index.html");
    let pilots = section_of(&html, "pilotit");
    let mut n = 0;
    for entry in std::fs::read_dir(site.path().join("content/pilots")).expect("pilots") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        let fm = text.split("---").nth(1).expect("front matter");
        let regions_line = fm.lines().find(|l| l.starts_with("regions:")).expect("regions");
        if regions_line.contains("pirkanmaa") {
            let slug = path.file_stem().expect("stem").to_string_lossy().to_string();
            assert!(
                pilots.contains(&format!("/pilotit/{slug}/")),
                "{slug} missing from Pirkanmaa: {pilots}"
            );
            n += 1;
        }
    }
    assert!(n >= 9, "the bank has at least nine Pirkanmaa pilots, found {n}");
}

#[test]
fn keski_suomi_workshop_links_yksi_lapsi_and_gets_a_backlink() {
    let site = real();
    let ws = site.read(&format!("public{KESKI_SUOMI}index.html"));
    assert!(main_of(&ws).contains("href=\"/pilotit/yksi-lapsi-yhteinen-suunnitelma/\""));
    let pilot = site.read("public/pilotit/yksi-lapsi-yhteinen-suunnitelma/index.html");
    assert!(section_of(&pilot, "mainittu").contains(KESKI_SUOMI));
    // One pilot page, two regions.
    let meta = main_of(&pilot);
    assert!(meta.contains("/alueet/pohjois-savo/") && meta.contains("/alueet/pirkanmaa/"));
}

#[test]
fn document_pages_show_related_and_municipalities() {
    let site = real();
    let html = site.read(&format!("public{PIPPURI}index.html"));
    let related = section_of(&html, "liittyvat");
    assert!(related.matches("<li class=\"doc-item\">").count() <= 5);
    assert!(!related.contains(PIPPURI), "never itself");
    let kunnat = site.read("public/kunnat/index.html");
    assert!(
        kunnat.contains("id=\"jarvenpaa\""),
        "municipality index lists Järvenpää"
    );
    let overview = site.read("public/yleiskuva/index.html");
    assert!(
        overview.contains("/teemat/perhekeskus/#alue-"),
        "overview cells link to the theme page by region"
    );
}

#[test]
fn theme_page_groups_by_region_with_anchors() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let html = site.read("public/teemat/perhekeskus/index.html");
    let by_region = section_of(&html, "maakunnittain");
    assert!(by_region.contains("id=\"alue-pirkanmaa\"") && by_region.contains("id=\"alue-paijat-hame\""));
    assert!(by_region.contains("/pilotit/vatu/"));
}

#[test]
fn region_page_groups_by_kind_and_year_with_theme_counts() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let html = site.read("public/alueet/paijat-hame/index.html");
    assert!(html.contains("id=\"memo-2016\""), "memos grouped by year");
    assert!(html.contains("id=\"workshop-2018\""));
    let themes = section_of(&html, "teemat");
    assert!(
        themes.contains("Perhekeskustoimintamalli</a> <span class=\"count\">2</span>"),
        "{themes}"
    );
    let others = section_of(&html, "muut");
    assert!(others.contains("/alueet/pirkanmaa/"));
}

#[test]
fn link_errors_each_located_with_hint() {
    let site = Site::fixture("basic");
    // Same slug as a theme: a bare wikilink is ambiguous.
    site.write(
        "content/pilots/perhekeskus.md",
        "---\ntitle: Perhekeskuspilotti\nregions: [kainuu]\nstatus: kokeilu\n---\n",
    );
    site.write(
        "content/memos/2018-01-01-virheet.md",
        "---\ntitle: V\ndate: 2018-01-01\nregions: [kainuu]\nthemes: [perhekeskuss]\npilots: [systeeminen-lastensuojelu]\n---\n\
         [[perhekeskus]]\n\n[a](../pilots/vatu.md#ei-ole)\n\n[[vatuu]]\n\n[b](puuttuu.md)\n",
    );
    let run = site.lape(&["check"]);
    assert_eq!(run.code, 1);
    let e = &run.stderr;
    let f = "content/memos/2018-01-01-virheet.md";
    for (loc, code, hint) in [
        (format!("{f}:5:10"), "unknown-theme", "did you mean 'perhekeskus'?"),
        (format!("{f}:6:10"), "unknown-pilot", "is a theme, not a pilot"),
        (
            format!("{f}:8:1"),
            "ambiguous-wikilink",
            "[[pilots/perhekeskus]], [[themes/perhekeskus]]",
        ),
        (
            format!("{f}:10:1"),
            "broken-anchor",
            "anchors there: ratkaisun-perusidea",
        ),
        (format!("{f}:12:1"), "broken-wikilink", "did you mean [[vatu]]?"),
        (format!("{f}:14:1"), "broken-link", "relative to this file's folder"),
    ] {
        assert!(e.contains(&loc), "{code}: no {loc} in\n{e}");
        assert!(e.contains(&format!("[{code}]")), "{code} in\n{e}");
        assert!(e.contains(hint), "{code}: hint {hint} in\n{e}");
    }
}

#[test]
fn usage_warnings() {
    let site = Site::fixture("basic");
    let run = site.lape(&["check"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("content/pilots/orpo.md:1") && run.stderr.contains("[pilot-unmentioned]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/regions/kainuu.md:1") && run.stderr.contains("[region-empty]"),
        "{}",
        run.stderr
    );
}

#[test]
fn link_to_draft_becomes_text() {
    let site = Site::fixture("basic");
    site.write(
        "content/memos/2018-02-02-viittaa.md",
        "---\ntitle: Viittaa\ndate: 2018-02-02\nregions: [kainuu]\n---\n[luonnokseen](2019-01-01-luonnos.md)\n",
    );
    let run = site.build_ok(&[]);
    assert!(run.all().contains("link-to-draft"), "{}", run.all());
    let check = site.lape(&["check"]);
    assert!(check.stderr.contains("[link-to-draft]"), "{}", check.stderr);
    let html = site.read("public/muistiot/viittaa/index.html");
    assert!(html.contains("<p>luonnokseen</p>"));
}
