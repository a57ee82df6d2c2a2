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

/// `(url, count)` for every `<a href="url">…</a> <span class="count">n</span>` in `html`.
fn counted_links(html: &str) -> Vec<(String, usize)> {
    html.split("<a href=\"")
        .skip(1)
        .filter_map(|s| {
            let (url, rest) = s.split_once('"')?;
            let after = rest.split_once("</a> <span class=\"count\">")?.1;
            let n = after.split_once('<')?.0.parse().ok()?;
            Some((url.to_string(), n))
        })
        .collect()
}

/// The number in a region or theme page's "Yhteensä" line.
fn page_total(html: &str, total: &str) -> usize {
    let dd = html
        .split_once(&format!("<dt>{total}</dt><dd>"))
        .unwrap_or_else(|| panic!("no {total} line"))
        .1;
    dd.split(' ').next().unwrap().parse().unwrap()
}

/// One count of a region's or theme's documents, everywhere it is shown, in every language
/// (issue 15: Pirkanmaa was 11 on the home page, 1 on its page and 29 in the overview).
#[test]
fn counts_of_every_region_and_theme_agree_across_home_page_and_overview() {
    let site = real_built();
    for (prefix, total) in [("", "Yhteensä"), ("sv/", "Totalt"), ("en/", "Total")] {
        let home = site.read(&format!("public/{prefix}index.html"));
        let listed = counted_links(&home);
        assert_eq!(
            listed.len(),
            19 + 15,
            "{prefix}: every region and theme on the home page"
        );
        for (url, n) in &listed {
            let page = site.read(&format!("public{url}index.html"));
            assert_eq!(page_total(&page, total), *n, "{url}: home page and own page");
            if url.contains("/alueet/") {
                let title = main_of(&page).split("<h1").nth(1).unwrap();
                let title = title.split_once('>').unwrap().1.split('<').next().unwrap();
                let label = format!("aria-label=\"{title}: {n} ");
                assert!(home.contains(&label), "{url}: tile {label}");
            }
        }
        let overview = site.read(&format!("public/{prefix}yleiskuva/index.html"));
        let rows: Vec<&str> = overview.split("<th scope=\"row\"><a href=\"").skip(1).collect();
        assert_eq!(rows.len(), 19, "{prefix}: one overview row per region");
        for row in rows {
            let url = row.split('"').next().unwrap();
            let row = row.split("</tr>").next().unwrap();
            let last: usize = row
                .rsplit("<td>")
                .next()
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let home_n = listed.iter().find(|(u, _)| u == url).unwrap().1;
            assert_eq!(last, home_n, "{url}: overview total and home page");
        }
        let head = overview
            .split("<thead>")
            .nth(1)
            .unwrap()
            .split("</thead>")
            .next()
            .unwrap();
        let themes: Vec<&str> = head
            .split("<a href=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        let foot = overview
            .split("<tfoot>")
            .nth(1)
            .unwrap()
            .split("</tfoot>")
            .next()
            .unwrap();
        let sums: Vec<usize> = foot
            .split("<td>")
            .skip(1)
            .filter_map(|s| s.split('<').next()?.parse().ok())
            .collect();
        assert_eq!(themes.len(), sums.len(), "{prefix}: a total under every theme");
        for (url, n) in themes.iter().zip(sums) {
            let home_n = listed.iter().find(|(u, _)| u == url).unwrap().1;
            assert_eq!(n, home_n, "{url}: overview column total and home page");
        }
    }
}

/// Counted words follow the number in each language: 1 dokumentti, 2 dokumenttia.
#[test]
fn counted_words_are_singular_for_one_in_every_language() {
    let site = real_built();
    let osallisuus = site.read("public/teemat/osallisuus/index.html");
    assert!(osallisuus.contains("<dd>1 dokumentti</dd>"), "fi singular");
    let pirkanmaa = site.read("public/alueet/pirkanmaa/index.html");
    assert!(pirkanmaa.contains("<dd>11 dokumenttia</dd>"), "fi plural");
    let en = site.read("public/en/teemat/osallisuus/index.html");
    assert!(en.contains("<dd>1 document</dd>"));
    assert!(
        site.read("public/en/alueet/pirkanmaa/index.html")
            .contains("<dd>11 documents</dd>")
    );
    assert!(
        site.read("public/sv/teemat/osallisuus/index.html")
            .contains("<dd>1 dokument</dd>")
    );
    for (path, page) in site.all_html() {
        for bad in ["1 dokumenttia", "1 documents", "1 tulosta", "1 results"] {
            let wrong = page
                .match_indices(bad)
                .any(|(at, _)| !page[..at].ends_with(|c: char| c.is_ascii_digit()));
            assert!(!wrong, "{}: {bad}", path.display());
        }
    }
}

/// A region or theme without a name in an interface language is a `lape check` warning naming
/// the file and the field; the real bank names every one in Swedish and English.
#[test]
fn a_missing_swedish_or_english_name_is_a_check_warning_and_the_real_bank_has_none() {
    let site = bilingual();
    site.write(
        "content/themes/nimeton.md",
        "---\ntitle: Nimetön teema\nname_en: Nameless theme\n---\n",
    );
    let run = site.lape(&["check", "--format", "json"]);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("json");
    let missing: Vec<&serde_json::Value> = diags.iter().filter(|d| d["code"] == "name-missing").collect();
    assert!(
        missing
            .iter()
            .any(|d| d["file"].as_str().unwrap().ends_with("themes/nimeton.md")
                && d["hint"].as_str().unwrap().contains("name_sv")),
        "{missing:?}"
    );
    assert!(
        !missing
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("English")),
        "English is not an interface language of this site"
    );
    let real = Site::real_bank();
    let run = real.lape(&["check", "--format", "json"]);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("json");
    let missing: Vec<_> = diags.iter().filter(|d| d["code"] == "name-missing").collect();
    assert!(missing.is_empty(), "{missing:?}");
    let site = real_built();
    for page in ["teemat/perhekeskus", "teemat/sijaishuolto", "alueet/uusimaa"] {
        let fi = site.read(&format!("public/{page}/index.html"));
        let sv = site.read(&format!("public/sv/{page}/index.html"));
        let h1 = |h: &str| {
            h.split("<h1")
                .nth(1)
                .unwrap()
                .split("</h1>")
                .next()
                .unwrap()
                .to_string()
        };
        assert_ne!(h1(&fi), h1(&sv), "{page}: the Swedish page has the Swedish name");
    }
}

/// Region and theme names in Swedish and English find the region's or theme's page, and the
/// documents naming it (issue 15: "Kymmenedalen" and "familjecenter" found nothing).
#[test]
fn region_and_theme_names_are_searchable_in_every_interface_language() {
    let site = real_built();
    for (query, first) in [
        ("Kymmenedalen", "/alueet/kymenlaakso/"),
        ("Nyland", "/alueet/uusimaa/"),
        ("Birkaland", "/alueet/pirkanmaa/"),
        ("familjecenter", "/teemat/perhekeskus/"),
        ("Family centre model", "/teemat/perhekeskus/"),
        ("Elev- och studerandevård", "/teemat/opiskeluhuolto/"),
    ] {
        let run = site.lape(&["search", "--json", query]);
        assert_eq!(run.code, 0, "{query}: {}", run.all());
        let hits: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
        let urls: Vec<&str> = hits
            .as_array()
            .expect("results")
            .iter()
            .filter_map(|h| h["url"].as_str())
            .collect();
        assert_eq!(urls.first().copied(), Some(first), "{query}: {urls:?}");
        if query != "Kymmenedalen" {
            assert!(urls.len() > 1, "{query}: the documents naming it too: {urls:?}");
        }
    }
}

/// The names of a list's links to `section`, in page order.
fn names_linked(html: &str, section: &str) -> Vec<String> {
    main_of(html)
        .split(&format!("<a href=\"{section}"))
        .skip(1)
        .filter_map(|s| {
            let (slug, rest) = s.split_once('"')?;
            (!slug.is_empty() && !slug.contains('#'))
                .then(|| rest.split_once('>')?.1.split('<').next().map(str::to_string))?
        })
        .collect()
}

/// Swedish lists go by the Swedish names in Swedish order (issue 15: Åland came first and
/// Nyland last, the Finnish order of Ahvenanmaa and Uusimaa); English folds å, ä, ö.
#[test]
fn lists_follow_the_names_and_alphabet_of_the_interface_language() {
    let site = real_built();
    for page in [
        "public/sv/alueet/index.html",
        "public/sv/index.html",
        "public/sv/sivukartta/index.html",
    ] {
        let names = names_linked(&site.read(page), "/sv/alueet/");
        let names: Vec<&str> = names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()).collect();
        assert_eq!(names.first(), Some(&"Birkaland"), "{page}: {names:?}");
        let tail: Vec<&str> = names.iter().rev().take(2).rev().copied().collect();
        assert_eq!(tail, ["Åland", "Österbotten"], "{page}");
        let ny = names.iter().position(|n| *n == "Nyland").unwrap();
        let sodra = names.iter().position(|n| *n == "Södra Karelen").unwrap();
        assert!(ny < sodra, "{page}: {names:?}");
    }
    let en = names_linked(&site.read("public/en/alueet/index.html"), "/en/alueet/");
    assert_eq!(en.first().map(String::as_str), Some("Åland"), "{en:?}");
    let overview = site.read("public/sv/yleiskuva/index.html");
    let rows = names_linked(&overview, "/sv/alueet/");
    assert_eq!(
        rows.first().map(String::as_str),
        Some("Birkaland"),
        "overview rows: {rows:?}"
    );
}

/// Kind headings on region pages are in the page's language (issue 15: "Työpajakoosteet" on
/// the Swedish page).
#[test]
fn kind_headings_on_region_pages_are_in_the_interface_language() {
    let site = real_built();
    let sv = site.read("public/sv/alueet/pirkanmaa/index.html");
    assert!(sv.contains("<h3 id=\"workshop\">Sammandrag av workshoppar</h3>"), "sv");
    let en = site.read("public/en/alueet/uusimaa/index.html");
    assert!(en.contains("<h3 id=\"memo\">Memos</h3>"), "en");
    for (path, page) in site.all_html() {
        let p = path.to_string_lossy();
        if p.starts_with("sv/") || p.starts_with("en/") {
            for fi in ["Työpajakoosteet", "Palvelukuvaukset</h", "Muistiot</h"] {
                assert!(!main_of(&page).contains(fi), "{p}: {fi}");
            }
        }
    }
}

/// The `href`s of a page section.
fn hrefs(section: &str) -> Vec<&str> {
    section
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

/// A document under "Mainittu näissä" is not repeated under "Liittyvät dokumentit".
#[test]
fn a_related_document_already_mentioned_is_not_repeated() {
    let site = real_built();
    let mut pages_with_both = 0;
    for (path, page) in site.all_html() {
        if !page.contains("id=\"mainittu\"") || !page.contains("id=\"liittyvat\"") {
            continue;
        }
        pages_with_both += 1;
        let mentioned = hrefs(crate::support::section_of(&page, "mainittu"));
        let related = hrefs(crate::support::section_of(&page, "liittyvat"));
        for url in &related {
            assert!(!mentioned.contains(url), "{}: {url} in both", path.display());
        }
    }
    assert!(pages_with_both > 10, "the check saw {pages_with_both} pages");
}

/// The footer names the publisher and offers feedback; `[site] edit-url` puts a "Muokkaa tätä
/// sivua" link on each document page; /favicon.ico exists (issue 15).
#[test]
fn footer_publisher_feedback_edit_link_and_favicon() {
    let site = bilingual();
    let home = site.read("public/index.html");
    assert!(home.contains("Ylläpitäjä: Testitoimitus"), "publisher in the footer");
    assert!(home.contains("<a href=\"mailto:palaute@testi.example.fi\">Anna palautetta</a>"));
    assert!(site.read("public/sv/index.html").contains(">Ge respons</a>"));
    assert!(!home.contains("edit-link"), "no edit link without edit-url");
    assert!(site.path().join("public/favicon.ico").is_file(), "/favicon.ico");
    assert!(home.contains("rel=\"icon\""));
    let toml = site.read("book.toml").replace(
        "[site]",
        "[site]\nedit-url = \"https://git.example.fi/lape/edit/main/{path}\"",
    );
    site.write("book.toml", &toml);
    site.write(
        "content/memos/päivä.md",
        "---\ntitle: Päivä\ndate: 2018-01-01\nregions: [kainuu]\n---\nTeksti.\n",
    );
    site.build_ok(&[]);
    let memo = site.read("public/muistiot/paiva/index.html");
    assert!(
        memo.contains(
            "<a href=\"https://git.example.fi/lape/edit/main/content/memos/p%C3%A4iv%C3%A4.md\">Muokkaa tätä sivua</a>"
        ),
        "{}",
        main_of(&memo)
    );
    site.write("book.toml", toml.replace("/{path}\"", "/\""));
    let run = site.lape(&["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.all().contains("config-bad-value") && run.all().contains("{path}"),
        "{}",
        run.all()
    );
}

/// Every region page leads somewhere (issue 15: Kainuu said "Ei pilotteja. Ei dokumentteja."
/// and nothing else): an empty region shows the nearest regions with documents, their newest
/// documents and the bank's themes, and every region page says how to add documents.
#[test]
fn every_region_page_leads_somewhere() {
    let site = real_built();
    let mut empty = 0;
    for prefix in ["", "sv/"] {
        for (path, page) in site.all_html() {
            let p = path.to_string_lossy().replace('\\', "/");
            let Some(slug) = p
                .strip_prefix(&format!("{prefix}alueet/"))
                .and_then(|s| s.strip_suffix("/index.html"))
            else {
                continue;
            };
            if slug.contains('/') {
                continue;
            }
            let guide = crate::support::section_of(&page, "lisaa");
            assert!(
                guide.contains(&format!("href=\"/{prefix}ohje/\"")),
                "{p}: the editors' guide"
            );
            if page.contains("<dd>0 ") {
                empty += 1;
                let near = crate::support::section_of(&page, "lahella");
                assert!(hrefs(near).len() >= 4, "{p}: nearby regions and their documents");
                assert!(
                    hrefs(crate::support::section_of(&page, "koko-maa")).len() >= 3,
                    "{p}: themes"
                );
                assert!(!page.contains("id=\"pilotit\""), "{p}: no empty pilot list");
            }
        }
    }
    assert!(empty >= 2 * 12, "the real bank has 12 empty regions: saw {empty} pages");
    let kainuu = site.read("public/alueet/kainuu/index.html");
    let near = crate::support::section_of(&kainuu, "lahella");
    assert!(
        near.contains("/alueet/pohjois-savo/"),
        "Kainuu's nearest region with documents"
    );
}

/// List pages carry what the filters read and offer only choices that occur in published
/// documents: the draft's region (Kainuu) and year (2019) are not offered, and the draft is in
/// no list (issue 15; the browser side is tests/browser/lists.test.mjs).
#[test]
fn list_filters_offer_what_published_documents_have_and_never_a_draft() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let memos = site.read("public/muistiot/index.html");
    let form = memos
        .split("<form class=\"list-filters\"")
        .nth(1)
        .expect("a filter form")
        .split("</form>")
        .next()
        .unwrap();
    assert!(
        memos.contains("<form class=\"list-filters\" id=\"rajaus\" hidden"),
        "hidden until the script runs"
    );
    assert!(
        form.contains("<option value=\"paijat-hame\">Päijät-Häme</option>"),
        "{form}"
    );
    assert!(form.contains("<option value=\"2016\">2016</option>"));
    assert!(
        !form.contains("kainuu") && !form.contains("2019"),
        "the draft's region and year: {form}"
    );
    assert!(!form.contains("name=\"tila\""), "status is a pilot filter");
    assert!(memos.contains("data-alue=\"paijat-hame\" data-teema=\"perhekeskus\" data-vuosi=\"2016\""));
    assert!(!memos.contains("Luonnosmuistio"), "no draft in the list");
    let pilots = site.read("public/pilotit/index.html");
    assert!(pilots.contains("name=\"tila\"") && pilots.contains("list-filter.js"));
    assert!(
        !site.read("public/alueet/index.html").contains("list-filters"),
        "regions and themes are not filtered"
    );
    site.build_ok(&["--drafts"]);
    let with_drafts = site.read("public/muistiot/index.html");
    assert!(with_drafts.contains("Luonnosmuistio") && with_drafts.contains("<option value=\"kainuu\">"));
}

/// /kunnat/ has A-Ö jump links, one per initial in Finnish order, each to its heading.
#[test]
fn municipality_index_has_a_to_o_jump_links() {
    let site = real_built();
    let page = site.read("public/kunnat/index.html");
    let nav = page
        .split("<nav class=\"az\"")
        .nth(1)
        .expect("A-Ö links")
        .split("</nav>")
        .next()
        .unwrap();
    let targets: Vec<&str> = hrefs(nav);
    assert!(targets.len() >= 10, "{targets:?}");
    for t in &targets {
        let id = t.strip_prefix('#').unwrap();
        assert!(page.contains(&format!("<h2 id=\"{id}\">")), "{id}");
    }
    let letters: Vec<String> = targets
        .iter()
        .map(|t| t.trim_start_matches("#kirjain-").to_string())
        .collect();
    let mut sorted = letters.clone();
    sorted.sort_by(|a, b| lape_kb::collate::compare(a, b));
    assert_eq!(letters, sorted, "in Finnish order");
    assert!(page.contains("id=\"tampere\""), "municipality anchors stay");
}

/// The text of a page as a reader sees it: no scripts, styles, code or markup.
fn visible_text(html: &str) -> String {
    let mut s = html.to_string();
    for tag in ["script", "style", "pre", "code"] {
        while let Some(start) = s.find(&format!("<{tag}")) {
            let end = s[start..]
                .find(&format!("</{tag}>"))
                .map_or(s.len(), |e| start + e + tag.len() + 3);
            s.replace_range(start..end, " ");
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// No page of the real bank shows an ISO date (2018-03-09) as text, in any language.
#[test]
fn no_iso_date_in_the_visible_text_of_any_page() {
    let site = real_built();
    let pages = site.all_html();
    assert!(pages.len() > 150);
    for (path, page) in pages {
        let text = visible_text(&page);
        let b = text.as_bytes();
        let iso = (0..b.len().saturating_sub(9)).find(|&i| {
            let w = &b[i..i + 10];
            w[..4].iter().all(u8::is_ascii_digit)
                && w[4] == b'-'
                && w[5..7].iter().all(u8::is_ascii_digit)
                && w[7] == b'-'
                && w[8..].iter().all(u8::is_ascii_digit)
        });
        if let Some(i) = iso {
            panic!(
                "{}: ISO date in text: {}",
                path.display(),
                text.get(i.saturating_sub(40)..i + 10)
                    .or(text.get(i..i + 10))
                    .unwrap_or_default()
            );
        }
    }
}

/// The main navigation marks where the reader is: the section's link on its pages, the link
/// itself (`aria-current="page"`) on the section's own list.
#[test]
fn the_main_navigation_marks_the_current_section() {
    let site = real_built();
    let nav = |page: &str| {
        let html = site.read(page);
        html.split("<nav class=\"main-nav\"")
            .nth(1)
            .unwrap()
            .split("</nav>")
            .next()
            .unwrap()
            .to_string()
    };
    assert!(nav("public/pilotit/vatu/index.html").contains("<a href=\"/pilotit/\" aria-current=\"true\">"));
    assert!(nav("public/pilotit/index.html").contains("<a href=\"/pilotit/\" aria-current=\"page\">"));
    assert!(nav("public/sv/alueet/kainuu/index.html").contains("<a href=\"/sv/alueet/\" aria-current=\"true\">"));
    assert!(nav("public/yleiskuva/index.html").contains("<a href=\"/yleiskuva/\" aria-current=\"page\">"));
    assert!(
        !nav("public/index.html").contains("aria-current"),
        "the home page is no section"
    );
    for page in ["public/pilotit/vatu/index.html", "public/kunnat/index.html"] {
        assert_eq!(nav(page).matches("aria-current").count(), 1, "{page}");
    }
}
