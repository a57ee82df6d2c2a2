//! `lape import`: Word, PowerPoint, PDF and text files to checked drafts. The Office and PDF
//! files are made here from known text, so what the draft must say is known exactly.

use crate::support::{Site, repo};
use std::io::Write;

/// A zip of (name, text) parts: a .docx or .pptx.
fn office(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, text) in parts {
        zip.start_file(*name, opts).expect("start part");
        zip.write_all(text.as_bytes()).expect("write part");
    }
    zip.finish().expect("finish zip").into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn para(style: Option<&str>, num: Option<(u8, u8)>, runs: &str) -> String {
    let mut ppr = String::new();
    if let Some(s) = style {
        ppr.push_str(&format!(r#"<w:pStyle w:val="{s}"/>"#));
    }
    if let Some((id, lvl)) = num {
        ppr.push_str(&format!(
            r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr>"#
        ));
    }
    format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn docx() -> Vec<u8> {
    let body = [
        para(Some("Otsikko"), None, &run("Kainuun perhekeskusten ohjausryhmän muistio")),
        para(None, None, &run("Kokous pidettiin Kajaanissa 18.3.2016.")),
        para(Some("Otsikko1"), None, &run("Läsnä")),
        para(None, Some((1, 0)), &run("Maija Meikäläinen, Kainuun LAPE")),
        para(None, Some((1, 1)), &run("varalla Kuhmon perhetyö")),
        para(None, Some((1, 0)), &run("Pekka Puolanka")),
        para(Some("Otsikko1"), None, &run("Käsitellyt asiat")),
        para(None, Some((2, 0)), &run("Perhekeskuksen aukioloajat")),
        para(None, Some((2, 0)), &run("Kohtaamispaikan tilat")),
        para(
            None,
            None,
            &format!(
                r#"{}<w:r><w:rPr><w:b/></w:rPr><w:t>perhekeskus</w:t></w:r>{}<w:hyperlink r:id="rId9"><w:r><w:t>sivustolla</w:t></w:r></w:hyperlink>{}"#,
                run("Päätettiin, että "),
                run(" esitellään "),
                run(".")
            ),
        ),
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Vuosi</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Tavoite</w:t></w:r></w:p></w:tc></w:tr>\
         <w:tr><w:tc><w:p><w:r><w:t>2018</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Verkosto koolle</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            .to_string(),
    ]
    .concat();
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Otsikko"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Otsikko1"><w:name w:val="heading 1"/></w:style></w:styles>"#
    );
    let numbering = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num></w:numbering>"#
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://kainuu.fi/perhekeskus" TargetMode="External"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;
    let footer = format!(
        r#"<w:ftr {W}><w:p><w:r><w:t>Kainuun LAPE – sivu </w:t></w:r><w:fldSimple w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>"#
    );
    office(&[
        (
            "[Content_Types].xml",
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.to_string(),
        ),
        (
            "word/document.xml",
            format!("<w:document {W}><w:body>{body}</w:body></w:document>"),
        ),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
        ("word/_rels/document.xml.rels", rels.to_string()),
        ("word/footer1.xml", footer),
    ])
}

const P: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;

fn shape(ph: Option<&str>, paras: &[(u8, &str)]) -> String {
    let ph = ph.map(|t| format!(r#"<p:ph type="{t}"/>"#)).unwrap_or_default();
    let ps: String = paras
        .iter()
        .map(|(lvl, t)| format!(r#"<a:p><a:pPr lvl="{lvl}"/><a:r><a:t>{t}</a:t></a:r></a:p>"#))
        .collect();
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="2" name="x"/><p:cNvSpPr/><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:txBody>{ps}</p:txBody></p:sp>"#
    )
}

fn slide(title: &str, bullets: &[(u8, &str)], extra: &str, n: usize) -> String {
    format!(
        r#"<p:sld {P}><p:cSld><p:spTree>{}{}{}{}{}{extra}</p:spTree></p:cSld></p:sld>"#,
        shape(Some("title"), &[(0, title)]),
        shape(Some("body"), bullets),
        shape(Some("ftr"), &[(0, "LAPE Pippuri – Pirkanmaa")]),
        shape(Some("sldNum"), &[(0, &n.to_string())]),
        // A text box the presenter put on every slide: furniture by repetition alone.
        shape(None, &[(0, "Sari Miettinen, projektikoordinaattori")]),
    )
}

fn pptx() -> Vec<u8> {
    let table = r#"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="9" name="t"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tr><a:tc><a:txBody><a:p><a:r><a:t>Malli</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>Kunnat</a:t></a:r></a:p></a:txBody></a:tc></a:tr><a:tr><a:tc><a:txBody><a:p><a:r><a:t>Systeeminen lastensuojelu</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>8 kuntaa</a:t></a:r></a:p></a:txBody></a:tc></a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>"#;
    let slides = [
        slide(
            "Pirkanmaan LAPE Pippuri: työpaja 9.3.2018",
            &[(0, "Erityistason palveluiden uudistaminen")],
            "",
            1,
        ),
        slide(
            "Kehittämisen kohteet",
            &[
                (0, "Perhekeskus"),
                (1, "Tampereella ja Valkeakoskella"),
                (0, "Erityistason palvelut"),
            ],
            "",
            2,
        ),
        slide("Pilotoidut mallit", &[(0, "Kahdeksan kuntaa mukana")], table, 3),
        slide("Jatko", &[(0, "Seuraava työpaja syksyllä")], "", 4),
    ];
    let mut parts = vec![
        ("[Content_Types].xml", r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.to_string()),
        (
            "ppt/presentation.xml",
            format!(
                r#"<p:presentation {P}><p:sldIdLst><p:sldId id="256" r:id="rId1"/><p:sldId id="257" r:id="rId2"/><p:sldId id="258" r:id="rId3"/><p:sldId id="259" r:id="rId4"/></p:sldIdLst></p:presentation>"#
            ),
        ),
        (
            "ppt/_rels/presentation.xml.rels",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="slides/slide1.xml"/><Relationship Id="rId2" Target="slides/slide2.xml"/><Relationship Id="rId3" Target="slides/slide3.xml"/><Relationship Id="rId4" Target="slides/slide4.xml"/></Relationships>"#.to_string(),
        ),
        (
            "ppt/slides/_rels/slide2.xml.rels",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="../notesSlides/notesSlide2.xml"/></Relationships>"#.to_string(),
        ),
        (
            "ppt/notesSlides/notesSlide2.xml",
            format!(r#"<p:notes {P}><p:cSld><p:spTree>{}</p:spTree></p:cSld></p:notes>"#, shape(Some("body"), &[(0, "Kerro Tampereen kokemuksista.")])),
        ),
    ];
    let names = [
        "ppt/slides/slide1.xml",
        "ppt/slides/slide2.xml",
        "ppt/slides/slide3.xml",
        "ppt/slides/slide4.xml",
    ];
    for (name, s) in names.iter().zip(slides) {
        parts.push((name, s));
    }
    office(&parts)
}

/// A PDF of pages of lines (Helvetica, WinAnsi: ä is \344, ö \366), each line its own text
/// object as a word processor writes them.
fn pdf(pages: &[Vec<&str>]) -> Vec<u8> {
    let mut objects: Vec<String> = Vec::new();
    let n = pages.len();
    let font_id = 3 + 2 * n;
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".to_string());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + 2 * i)).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")));
    for (i, lines) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {} 0 R >>",
            4 + 2 * i
        ));
        let mut stream = String::new();
        for (j, line) in lines.iter().enumerate() {
            let y = 790 - 16 * j as i32;
            let text = line
                .replace('ä', "\\344")
                .replace('ö', "\\366")
                .replace('Ä', "\\304")
                .replace('–', "\\226");
            stream.push_str(&format!("BT /F1 11 Tf 72 {y} Td ({text}) Tj ET\n"));
        }
        if lines.is_empty() {
            // A scan: an image-like rectangle and no text at all.
            stream.push_str("0.5 g 72 72 450 700 re f\n");
        }
        objects.push(format!("<< /Length {} >>\nstream\n{stream}endstream", stream.len()));
    }
    objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string());
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The one file `lape import` wrote under content/<folder>.
fn written(site: &Site, folder: &str) -> String {
    let dir = site.path().join("content").join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("lape import")))
        .collect();
    assert_eq!(files.len(), 1, "one imported file in {folder}");
    std::fs::read_to_string(files.remove(0).path()).expect("read draft")
}

fn body(draft: &str) -> &str {
    draft.splitn(3, "---\n").nth(2).expect("a body after the front matter")
}

/// Problems `lape check --drafts` finds in imported files, other than fields left to fill.
fn check_problems(site: &Site) -> Vec<serde_json::Value> {
    let run = site.lape(&["check", "--drafts", "--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("check --format json");
    all.into_iter()
        .filter(|p| {
            let file = p["file"].as_str().unwrap_or("");
            std::fs::read_to_string(site.path().join(file)).is_ok_and(|t| t.contains("lape import"))
                && p["code"] != "missing-field"
        })
        .collect()
}

#[test]
fn a_word_memo_keeps_its_headings_lists_table_emphasis_and_links() {
    let site = Site::fixture("basic");
    site.write("muistio.docx", docx());
    let run = site.lape(&["import", "muistio.docx", "--kind", "muistio"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let draft = written(&site, "memos");
    assert!(
        draft.contains("title: \"Kainuun perhekeskusten ohjausryhmän muistio\""),
        "{draft}"
    );
    assert!(draft.contains("date: 2016-03-18  # ARVAUS"), "{draft}");
    assert!(draft.contains("regions: [kainuu]  # ARVAUS"), "{draft}");
    assert!(draft.contains("draft: true"), "{draft}");
    assert!(draft.contains("  file: \"muistio.docx\""), "{draft}");
    let b = body(&draft);
    for want in [
        "## Läsnä\n\n- Maija Meikäläinen, Kainuun LAPE\n   - varalla Kuhmon perhetyö\n- Pekka Puolanka\n",
        "## Käsitellyt asiat\n\n1. Perhekeskuksen aukioloajat\n2. Kohtaamispaikan tilat\n",
        "Päätettiin, että **perhekeskus** esitellään [sivustolla](https://kainuu.fi/perhekeskus).",
        "| Vuosi | Tavoite |\n| --- | --- |\n| 2018 | Verkosto koolle |",
    ] {
        assert!(b.contains(want), "want {want:?} in\n{b}");
    }
    assert!(
        !b.contains("sivu 1") && !b.contains("Kainuun LAPE – sivu"),
        "no footer: {b}"
    );
    assert!(
        !b.contains("Kainuun perhekeskusten ohjausryhmän muistio"),
        "the title is not repeated: {b}"
    );
    assert_eq!(check_problems(&site), Vec::<serde_json::Value>::new());
}

#[test]
fn a_slide_deck_becomes_one_section_a_slide_without_footers_or_the_presenter() {
    let site = Site::fixture("basic");
    site.write("pippuri.pptx", pptx());
    let run = site.lape(&["import", "pippuri.pptx"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("(workshop summary)"),
        "a deck reads as a workshop: {}",
        run.stdout
    );
    let draft = written(&site, "workshops");
    assert!(draft.contains("date: 2018-03-09"), "{draft}");
    assert!(draft.contains("regions: [pirkanmaa]"), "{draft}");
    let b = body(&draft);
    for want in [
        "## Kehittämisen kohteet\n\n- Perhekeskus\n   - Tampereella ja Valkeakoskella\n- Erityistason palvelut\n",
        "> **Puhujan muistiinpanot:** Kerro Tampereen kokemuksista.",
        "| Malli | Kunnat |\n| --- | --- |\n| Systeeminen lastensuojelu | 8 kuntaa |",
        "## Jatko\n\n- Seuraava työpaja syksyllä",
    ] {
        assert!(b.contains(want), "want {want:?} in\n{b}");
    }
    for gone in ["LAPE Pippuri – Pirkanmaa", "Sari Miettinen", "\n3\n"] {
        assert!(!b.contains(gone), "{gone:?} left in\n{b}");
    }
    assert!(
        draft.contains("toistunut rivi ”Sari Miettinen, projektikoordinaattori” (4 kertaa)"),
        "{draft}"
    );
    assert_eq!(check_problems(&site), Vec::<serde_json::Value>::new());
}

#[test]
fn a_pdf_loses_running_headers_page_numbers_and_hyphenation() {
    let site = Site::fixture("basic");
    let header = "Päijät-Hämeen sosiaalipalvelut – muistio";
    site.write(
        "muistio.pdf",
        pdf(&[
            vec![
                header,
                "Sosiaalipalvelujen työryhmä 29.3.2016",
                "",
                "Lahdessa todettiin, että perhetyön sisäl-",
                "töjä pitää täsmentää.",
                "",
                "1",
            ],
            vec![
                header,
                "Sosiaali- ja",
                "terveyspalvelut jatkavat yhteistyötä",
                "Heinolan kanssa.",
                "",
                "2",
            ],
            vec![header, "Seuraava kokous pidetään huhtikuussa.", "", "Sivu 3 / 3"],
        ]),
    );
    let run = site.lape(&["import", "muistio.pdf", "--kind", "memo"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let draft = written(&site, "memos");
    let b = body(&draft);
    assert!(
        b.contains("perhetyön sisältöjä pitää täsmentää."),
        "hyphenation mended: {b}"
    );
    assert!(
        b.contains("Sosiaali- ja terveyspalvelut jatkavat yhteistyötä Heinolan kanssa."),
        "{b}"
    );
    assert!(
        !b.contains(header) && !b.contains("Sivu 3"),
        "no running header or page number: {b}"
    );
    assert!(!b.lines().any(|l| l.trim() == "1" || l.trim() == "2"), "{b}");
    assert!(draft.contains("regions: [paijat-hame]"), "{draft}");
    assert!(draft.contains("date: 2016-03-29"), "{draft}");
    assert!(
        draft.contains("sivunumerot (3 kpl)"),
        "the source note says what went: {draft}"
    );
}

#[test]
fn a_scanned_pdf_is_an_error_and_a_batch_goes_on_past_it() {
    let site = Site::fixture("basic");
    site.write("skannattu.pdf", pdf(&[vec![], vec![]]));
    site.write(
        "muistio.txt",
        "Kainuun työryhmän muistio 1.10.2018\n\nKajaanissa sovittiin perhekeskuksesta.\n",
    );
    site.write("vanha.doc", "binary");
    let run = site.lape(&["import", "skannattu.pdf", "muistio.txt", "vanha.doc"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stderr.contains("skannattu.pdf") && run.stderr.contains("[import-no-text]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("vanha.doc") && run.stderr.contains("[import-unsupported]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 imported, 2 could not be imported"),
        "{}",
        run.stderr
    );
    let draft = written(&site, "memos");
    assert!(draft.contains("date: 2018-10-01"), "{draft}");
    let imported: usize = ["memos", "workshops", "services", "pilots"]
        .iter()
        .map(|f| {
            std::fs::read_dir(site.path().join("content").join(f)).map_or(0, |d| {
                d.filter_map(Result::ok)
                    .filter(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("lape import")))
                    .count()
            })
        })
        .sum();
    assert_eq!(imported, 1, "nothing written for the files that failed");
}

#[test]
fn import_never_overwrites() {
    let site = Site::fixture("basic");
    site.write(
        "muistio.txt",
        "Kainuun työryhmän muistio 1.10.2018\n\nKajaanissa sovittiin.\n",
    );
    assert_eq!(site.lape(&["import", "muistio.txt"]).code, 0);
    let path = site
        .path()
        .join("content/memos/2018-10-01-kainuun-tyoryhman-muistio-1-10-2018.md");
    std::fs::write(&path, "---\ntitle: Editoitu\n---\nEditorin teksti\n").expect("edit");
    let again = site.lape(&["import", "muistio.txt"]);
    assert_eq!(again.code, 1, "{}", again.all());
    assert!(again.stderr.contains("[import-exists]"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "---\ntitle: Editoitu\n---\nEditorin teksti\n"
    );
}

/// Words of a Markdown body, without its markup, for comparing texts.
fn words(md: &str) -> Vec<String> {
    md.split(|c: char| c.is_whitespace() || "#*|>-–:;,.()[]\"”".contains(c))
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c == '-'))
        .map(str::to_lowercase)
        .collect()
}

/// 2 × (longest common subsequence of words) / (words of both): 1.0 for the same text.
fn similarity(a: &[String], b: &[String]) -> f64 {
    let mut prev = vec![0u32; b.len() + 1];
    for x in a {
        let mut cur = vec![0u32; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
        }
        prev = cur;
    }
    2.0 * f64::from(prev[b.len()]) / (a.len() + b.len()).max(1) as f64
}

fn field(fm: &str, name: &str) -> String {
    fm.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .map(|v| v.split("  #").next().unwrap_or("").trim().to_string())
        .unwrap_or_default()
}

#[test]
fn the_seeds_round_trip_close_to_the_hand_made_bank() {
    // (seed, kind, hand-made file, the least similarity accepted)
    let seeds = [
        (
            "000_59171c1a96101c19.txt",
            "workshop",
            "workshops/2018-09-10-keski-suomen-tormayttamistapahtuma.md",
            0.97,
        ),
        (
            "001_7f070090527c9df8.txt",
            "workshop",
            "workshops/2018-03-09-lape-pippuri-erityistason-palvelut.md",
            0.88,
        ),
        (
            "002_0d6851690b80626c.txt",
            "memo",
            "memos/2016-03-29-paijat-hame-sosiaalipalvelujen-tyoryhma.md",
            0.8,
        ),
        (
            "003_1de4aff0a8a90b36.txt",
            "service",
            "services/askolan-hyvinvointineuvola-ja-perhekeskusverkosto.md",
            0.95,
        ),
        (
            "004_10674e079dad3a31.txt",
            "memo",
            "memos/2017-11-30-jarvenpaa-monialainen-yhteistyo.md",
            0.9,
        ),
    ];
    let mut report = Vec::new();
    for (seed, kind, hand, least) in seeds {
        let site = Site::real_bank();
        std::fs::copy(repo().join("tests/fixtures/seeds").join(seed), site.path().join(seed)).expect("copy seed");
        let run = site.lape(&["import", seed, "--kind", kind]);
        assert_eq!(run.code, 0, "{seed}: {}", run.all());
        let folder = hand.split('/').next().unwrap_or("");
        let draft = written(&site, folder);
        let made = site.read(&format!("content/{hand}"));
        let (d_fm, m_fm) = (
            draft.split("---\n").nth(1).unwrap_or(""),
            made.split("---\n").nth(1).unwrap_or(""),
        );
        let set = |v: String| {
            let mut r: Vec<String> = v
                .trim_matches(['[', ']'])
                .split(',')
                .map(|s| s.trim().to_string())
                .collect();
            r.sort();
            r
        };
        assert_eq!(
            set(field(d_fm, "regions")),
            set(field(m_fm, "regions")),
            "{seed}: regions\n{d_fm}"
        );
        assert_eq!(field(d_fm, "date"), field(m_fm, "date"), "{seed}: date\n{d_fm}");
        let s = similarity(&words(body(&draft)), &words(body(&made)));
        report.push(format!("{seed}: {s:.3}"));
        assert!(s >= least, "{seed}: body similarity {s:.3} below {least}");
        assert_eq!(check_problems(&site), Vec::<serde_json::Value>::new(), "{seed}");
    }
    // The figures for the closing note: cargo test --test testsuite seeds_round_trip -- --nocapture
    println!(
        "body similarity to the hand-made file (words, LCS): {}",
        report.join(", ")
    );
}
