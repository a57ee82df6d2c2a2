//! The readers' site (issue 6): interface languages under their own prefix, the accessibility
//! statement, the tile map, timelines, per-region feeds and the site map page.

use crate::support::{Site, main_of, real_built};

fn bilingual() -> Site {
    let site = Site::fixture("basic");
    let toml = site.read("book.toml").replace(
        "language = \"fi\"",
        "language = \"fi\"\nui-languages = [\"sv\"]\n\n[accessibility]\npublisher = \"Testitoimitus\"\nemail = \"palaute@testi.example.fi\"\nstatus = \"partial\"\nreviewed = \"2026-11-23\"\nauthority = \"Valvova virasto\"\n\n[[accessibility.gaps]]\ncriterion = \"1.1.1\"\nfi = \"Skannatut liitteet\"\nsv = \"Skannade bilagor\"",
    );
    site.write("book.toml", toml);
    site.build_ok(&[]);
    site
}

#[test]
fn swedish_pages_live_under_sv_and_link_within_it() {
    let site = bilingual();
    let sv = site.read("public/sv/pilotit/vatu/index.html");
    assert!(
        sv.contains("<html lang=\"sv\">"),
        "the interface language is the page's language"
    );
    assert!(sv.contains("Hoppa till innehållet"), "Swedish interface strings");
    assert!(
        sv.contains("hreflang=\"fi\" href=\"/pilotit/vatu/\"")
            && sv.contains("hreflang=\"sv\" href=\"/sv/pilotit/vatu/\""),
        "hreflang alternates"
    );
    // The document keeps its own language; its region is named in Swedish.
    assert!(main_of(&sv).contains("class=\"body\" lang=\"fi\""));
    assert!(sv.contains(">Birkaland</a>"), "region names in the interface language");
    assert!(
        sv.contains("href=\"/sv/alueet/pirkanmaa/\""),
        "links stay in the Swedish site"
    );
    assert!(
        sv.contains("href=\"/static/style.css\""),
        "shared files stay at the root"
    );
    let fi = site.read("public/pilotit/vatu/index.html");
    assert!(fi.contains("<html lang=\"fi\">") && fi.contains(">Pirkanmaa</a>"));
    // Body links of a document point into the same language.
    let ws = site.read("public/sv/tyopajat/tyopaja/index.html");
    assert!(
        !main_of(&ws).contains("href=\"/pilotit/"),
        "a body link left the Swedish site"
    );
}

#[test]
fn accessibility_statement_comes_from_book_toml_in_each_language() {
    let site = bilingual();
    let fi = site.read("public/saavutettavuus/index.html");
    assert!(fi.contains("Saavutettavuusseloste") && fi.contains("Testitoimitus"));
    assert!(fi.contains("mailto:palaute@testi.example.fi") && fi.contains("Valvova virasto"));
    assert!(fi.contains("23.11.2026"), "the review date the Finnish way");
    assert!(fi.contains("Skannatut liitteet") && fi.contains("1.1.1"));
    let sv = site.read("public/sv/saavutettavuus/index.html");
    assert!(sv.contains("Tillgänglighetsutlåtande") && sv.contains("Skannade bilagor"));
    assert!(
        site.read("public/index.html").contains("href=\"/saavutettavuus/\""),
        "linked from every footer"
    );
}

#[test]
fn sitemap_lists_every_language_and_no_draft() {
    let site = bilingual();
    let map = site.read("public/sitemap.xml");
    for p in [
        "/pilotit/vatu/",
        "/sv/pilotit/vatu/",
        "/sv/",
        "/sivukartta/",
        "/sv/saavutettavuus/",
    ] {
        assert!(map.contains(&format!("https://testi.example.fi{p}<")), "{p} missing");
    }
    assert!(!map.contains("luonnos"), "a draft in the sitemap");
    let sv_entry = map
        .split("<url>")
        .find(|u| u.contains("/sv/muistiot/kokousmuistio/<"))
        .expect("sv memo in the sitemap");
    assert!(sv_entry.contains("<lastmod>2016-03-29</lastmod>"), "{sv_entry}");
    let page = site.read("public/sv/sivukartta/index.html");
    assert!(
        page.contains("href=\"/sv/alueet/pirkanmaa/\""),
        "the site map page lists regions"
    );
}

#[test]
fn region_feeds_and_timelines() {
    let site = real_built();
    let feed = site.read("public/alueet/pirkanmaa/atom.xml");
    assert!(feed.contains("<title>Pirkanmaa – LAPE-tietopankki</title>"));
    assert!(feed.contains("/tyopajat/lape-pippuri-erityistason-palvelut/"));
    assert!(
        !feed.contains("/tyopajat/keski-suomen"),
        "another region's document in the feed"
    );
    let region = site.read("public/alueet/pirkanmaa/index.html");
    assert!(region.contains("class=\"timeline-chart\""), "the timeline is drawn");
    assert!(
        region.contains("<th scope=\"row\">2018</th><td>1</td>"),
        "and its numbers are text"
    );
    let home = site.read("public/index.html");
    assert!(home.contains("class=\"region-map\""));
    assert!(
        home.contains("aria-label=\"Pirkanmaa: 11 dokumenttia\""),
        "each tile is a labelled link"
    );
}

/// Dates on pages are the reader's (18.3.2016), never ISO; a period within one year is that year.
#[test]
fn every_date_on_a_page_is_in_the_readers_form() {
    let site = Site::fixture("basic");
    site.write(
        "content/memos/paivays.md",
        "---\ntitle: Päiväysmuistio\ndate: 2016-03-20\nregions: [kainuu]\nmeeting: {group: Ohjausryhmä, date: 2016-03-18}\n\
         source: {title: Alkuperäinen, date: 2018-03-09}\n---\nTeksti.\n",
    );
    site.write(
        "content/pilots/vuosi.md",
        "---\ntitle: Vuoden pilotti\nregions: [kainuu]\nstatus: kokeilu\nperiod: {start: 2018, end: 2018}\n---\nTeksti.\n",
    );
    site.build_ok(&[]);
    let memo = site.read("public/muistiot/paivays/index.html");
    assert!(
        memo.contains("<time datetime=\"2016-03-18\">18.3.2016</time>"),
        "meeting date"
    );
    assert!(
        memo.contains("<time datetime=\"2018-03-09\">9.3.2018</time>"),
        "source date"
    );
    assert!(
        !memo.contains(">2016-03-18<") && !memo.contains(", 2018-03-09"),
        "no ISO date as text"
    );
    let pilot = site.read("public/pilotit/vuosi/index.html");
    assert!(pilot.contains("<dd>2018</dd>"), "one year once: {pilot}");
    assert!(!pilot.contains("2018 – 2018"));
}
