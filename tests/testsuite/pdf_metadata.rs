//! What a printed PDF says about itself and around its text: its document
//! information and XMP metadata (title with the site and audience, the
//! organisation as author, signpost as creator, the language), running
//! heads in the body's font, the page's edition at the foot of each sheet,
//! and `signpost check` counting printed pages from the PDFs a build made.
//!
//! The example pack is built once with PDFs for the checks of its PDFs.
//! Printing needs Chromium: without one these tests print "skipped: …"
//! and pass, unless CI is set (see `harness::browser`).

use crate::harness::browser::{browser_or_skip, skip_or_fail};
use crate::harness::TestSite;
use lopdf::content::Content;
use lopdf::{decode_text_string, Dictionary, Document, Object};
use std::collections::BTreeMap;
use std::process::Command;

/// A text entry of a dictionary, following a reference.
fn text_entry(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    let object = dict.get_deref(key, doc).ok()?;
    decode_text_string(object).ok()
}

/// The document information dictionary.
fn info(doc: &Document) -> &Dictionary {
    doc.trailer
        .get_deref(b"Info", doc)
        .and_then(Object::as_dict)
        .expect("the PDF has document information")
}

/// The XMP metadata stream on the catalog, as text.
fn xmp(doc: &Document) -> String {
    let catalog = doc.catalog().unwrap();
    let stream = catalog
        .get_deref(b"Metadata", doc)
        .and_then(Object::as_stream)
        .expect("the catalog has /Metadata");
    let dict = &stream.dict;
    assert_eq!(dict.get(b"Type").unwrap().as_name().unwrap(), b"Metadata");
    assert_eq!(dict.get(b"Subtype").unwrap().as_name().unwrap(), b"XML");
    assert!(
        dict.get(b"Filter").is_err(),
        "the XMP stream is not compressed"
    );
    String::from_utf8(stream.content.clone()).expect("XMP is UTF-8")
}

/// The text of XMP element `name` (`dc:title`), its tags removed.
fn xmp_field(xml: &str, name: &str) -> Vec<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let Some(start) = xml.find(&open) else {
        return Vec::new();
    };
    let inner = &xml[start + open.len()..];
    let inner = &inner[..inner.find(&close).unwrap_or(inner.len())];
    // Each <rdf:li …>value</rdf:li>, or the element's own text.
    let values: Vec<String> = inner
        .split("<rdf:li")
        .skip(1)
        .filter_map(|li| Some(li.split_once('>')?.1.split("</rdf:li>").next()?.to_string()))
        .collect();
    if values.is_empty() {
        vec![inner.to_string()]
    } else {
        values
    }
}

/// Whether the PDF is still tagged: a structure tree, /MarkInfo /Marked
/// true, and /Lang.
fn is_tagged(doc: &Document) -> bool {
    let catalog = doc.catalog().unwrap();
    let marked = catalog
        .get_deref(b"MarkInfo", doc)
        .and_then(Object::as_dict)
        .and_then(|m| m.get(b"Marked"))
        .and_then(Object::as_bool)
        .ok();
    catalog.get(b"StructTreeRoot").is_ok() && marked == Some(true) && catalog.get(b"Lang").is_ok()
}

#[test]
fn the_example_packs_pdfs_describe_themselves_check_clean_and_head_in_the_body_font() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::example();
    site.build_pdf_ok(&[]);
    pdfs_name_their_page_site_audience_publisher_and_maker(&site);
    pdfs_pass_qpdf_check(&site);
    running_heads_are_in_the_body_font_in_every_theme(&site);
    every_pdf_meets_what_pdf_ua_asks_that_a_program_can_check(&site);
}

/// What PDF/UA-1 asks of a file that a program can check, on every PDF
/// of the pack: all drawing is tagged or marked as an artifact, every
/// link and field is in the structure tree and tabbed in its order, every
/// font is embedded, and the file says it is PDF/UA, tagged, in a
/// language, with its title shown.
fn every_pdf_meets_what_pdf_ua_asks_that_a_program_can_check(site: &TestSite) {
    let pdfs: Vec<_> = walkdir::WalkDir::new(site.output(""))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| e.into_path())
        .collect();
    assert!(pdfs.len() > 15, "the pack prints {} PDFs", pdfs.len());
    for path in &pdfs {
        let name = path.display();
        let doc = Document::load(path).unwrap();
        assert!(is_tagged(&doc), "{name} is not tagged");
        assert!(
            xmp(&doc).contains("<pdfuaid:part>1</pdfuaid:part>"),
            "{name} does not say it is PDF/UA-1"
        );
        for (number, page) in doc.get_pages() {
            let content = Content::decode(&doc.get_page_content(page)).unwrap();
            let mut depth = 0usize;
            for op in &content.operations {
                match op.operator.as_str() {
                    "BDC" | "BMC" => depth += 1,
                    "EMC" => depth = depth.saturating_sub(1),
                    "Tj" | "TJ" | "'" | "\"" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "S"
                    | "s" | "sh" | "Do" | "BI" => assert!(
                        depth > 0,
                        "{name}, sheet {number}: {} draws outside tags and artifacts",
                        op.operator
                    ),
                    _ => {}
                }
            }
            let page_dict = doc.get_dictionary(page).unwrap();
            let annotations = page_dict
                .get_deref(b"Annots", &doc)
                .and_then(Object::as_array)
                .cloned()
                .unwrap_or_default();
            if !annotations.is_empty() {
                assert_eq!(
                    page_dict.get(b"Tabs").and_then(Object::as_name).ok(),
                    Some(&b"S"[..]),
                    "{name}, sheet {number}: links and fields not tabbed in structure order"
                );
            }
            for annotation in &annotations {
                let annotation = doc.dereference(annotation).unwrap().1.as_dict().unwrap();
                assert!(
                    annotation.get(b"StructParent").is_ok(),
                    "{name}, sheet {number}: an annotation outside the structure tree"
                );
            }
            for (resource, font) in doc.get_page_fonts(page).unwrap() {
                assert!(
                    font_is_embedded(&doc, font),
                    "{name}, sheet {number}: font {} is not embedded",
                    String::from_utf8_lossy(&resource)
                );
            }
        }
    }
}

/// Whether a font's program is in the PDF (a Type 3 font is drawn by the
/// PDF itself).
fn font_is_embedded(doc: &Document, font: &Dictionary) -> bool {
    if font.get(b"Subtype").and_then(Object::as_name).ok() == Some(&b"Type3"[..]) {
        return true;
    }
    let descendant = font
        .get_deref(b"DescendantFonts", doc)
        .and_then(Object::as_array)
        .ok()
        .and_then(|fonts| fonts.first())
        .and_then(|f| doc.dereference(f).ok())
        .and_then(|(_, f)| f.as_dict().ok());
    let described = descendant.unwrap_or(font);
    described
        .get_deref(b"FontDescriptor", doc)
        .and_then(Object::as_dict)
        .is_ok_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"))
}

/// Info and XMP give the title with the site and audience, the
/// organisation, signpost and the browser, in the page's language; the
/// PDF stays tagged.
fn pdfs_name_their_page_site_audience_publisher_and_maker(site: &TestSite) {
    let creator = format!("signpost {}", env!("CARGO_PKG_VERSION"));
    for (path, title, author, language) in [
        (
            "resources/meeting-log/meeting-log.pdf",
            "Meeting log – Reverse mentoring pack",
            "Harbourside Borough Council",
            "en-GB",
        ),
        (
            "easy-read/resources/meeting-log/meeting-log-easy-read.pdf",
            "Meeting form – Reverse mentoring pack (Easy read)",
            "Harbourside Borough Council",
            "en-GB",
        ),
        (
            "carer/guide/guide-carer.pdf",
            "The guide – Reverse mentoring pack (For carers and families)",
            "Harbourside Borough Council",
            "en-GB",
        ),
        (
            "cy/easy-read/resources/meeting-log/meeting-log-easy-read-cy.pdf",
            "Ffurflen y cyfarfod – Pecyn mentora gwrthdro (Hawdd ei ddeall)",
            "Cyngor Bwrdeistref Glan yr Harbwr",
            "cy",
        ),
    ] {
        let doc = site.pdf(path);
        let info = info(&doc);
        assert_eq!(
            text_entry(&doc, info, b"Title").as_deref(),
            Some(title),
            "{path}"
        );
        assert_eq!(
            text_entry(&doc, info, b"Author").as_deref(),
            Some(author),
            "{path}"
        );
        assert_eq!(
            text_entry(&doc, info, b"Creator").as_deref(),
            Some(creator.as_str()),
            "{path}"
        );
        // The browser's own name for what wrote the PDF is kept.
        let producer = text_entry(&doc, info, b"Producer").unwrap_or_default();
        assert!(
            !producer.is_empty() && !producer.contains("signpost"),
            "{path}: Producer {producer:?}"
        );
        assert!(is_tagged(&doc), "{path} is no longer tagged");
        let preferences = doc
            .catalog()
            .unwrap()
            .get_deref(b"ViewerPreferences", &doc)
            .and_then(Object::as_dict)
            .expect("viewer preferences");
        assert_eq!(
            preferences
                .get(b"DisplayDocTitle")
                .and_then(Object::as_bool)
                .ok(),
            Some(true),
            "{path}"
        );

        let xml = xmp(&doc);
        assert!(
            xml.contains(r#"<rdf:li xml:lang="x-default">"#),
            "{path}: {xml}"
        );
        assert!(
            xml.contains(&format!(r#"<rdf:li xml:lang="{language}">"#)),
            "{path}: {xml}"
        );
        for (field, expected) in [
            ("dc:title", title),
            ("dc:language", language),
            ("dc:creator", author),
            ("xmp:CreatorTool", creator.as_str()),
            ("pdf:Producer", producer.as_str()),
        ] {
            let values = xmp_field(&xml, field);
            assert!(
                !values.is_empty() && values.iter().all(|v| v == expected),
                "{path}: {field} is {values:?}, not {expected:?}"
            );
        }
        assert!(
            xml.contains("<pdfuaid:part>1</pdfuaid:part>"),
            "{path}: {xml}"
        );
    }
}

/// qpdf finds nothing wrong in the PDFs once their metadata is written.
fn pdfs_pass_qpdf_check(site: &TestSite) {
    for path in [
        "resources/meeting-log/meeting-log.pdf",
        "cy/easy-read/resources/meeting-log/meeting-log-easy-read-cy.pdf",
    ] {
        let Ok(run) = Command::new("qpdf")
            .arg("--check")
            .arg(site.output(path))
            .output()
        else {
            skip_or_fail(
                "qpdf is needed to check the PDFs: apt-get install qpdf",
                "qpdf is not installed (apt-get install qpdf)",
            );
            return;
        };
        let said = String::from_utf8_lossy(&run.stdout);
        assert!(run.status.success(), "qpdf --check {path}:\n{said}");
        assert!(
            said.contains("No syntax or stream encoding errors"),
            "{path}:\n{said}"
        );
    }
}

/// The font family of a font dictionary's /BaseFont: "DejaVuSans" for
/// "AAAAAA+DejaVuSans-Bold".
fn family(font: &Dictionary) -> String {
    let name = font
        .get(b"BaseFont")
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default();
    let name = name.split_once('+').map_or(name.as_str(), |(_, n)| n);
    name.split('-').next().unwrap_or(name).to_string()
}

/// The font families of page `number`'s text: those shown inside the
/// structure's marked content (the body), by how many times each is
/// shown, and those shown as artifacts (the running heads, which the
/// browser writes untagged and printing marks as artifacts).
fn families_on_page(doc: &Document, number: u32) -> (BTreeMap<String, usize>, Vec<String>) {
    let page = doc.get_pages()[&number];
    let fonts = doc.get_page_fonts(page).unwrap();
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let (mut body, mut heads) = (BTreeMap::new(), Vec::new());
    // For each marked-content sequence the text is in, whether it is an
    // artifact.
    let (mut open, mut current) = (Vec::new(), String::new());
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" | "BMC" => {
                open.push(op.operands.first().and_then(|o| o.as_name().ok()) == Some(b"Artifact"))
            }
            "EMC" => {
                open.pop();
            }
            "Tf" => {
                let resource = op.operands[0].as_name().unwrap();
                current = fonts.get(resource).map(|f| family(f)).unwrap_or_default();
            }
            "Tj" | "TJ" | "'" | "\"" if open.iter().any(|artifact| *artifact) => {
                heads.push(current.clone())
            }
            "Tj" | "TJ" | "'" | "\"" => *body.entry(current.clone()).or_insert(0) += 1,
            _ => {}
        }
    }
    (body, heads)
}

/// Each theme's running heads are in the family its body text is in.
fn running_heads_are_in_the_body_font_in_every_theme(site: &TestSite) {
    for path in [
        "guide/guide.pdf",
        "carer/guide/guide-carer.pdf",
        "easy-read/guide/guide-easy-read.pdf",
    ] {
        let doc = site.pdf(path);
        // Page 2: the first with the running head as well as the foot.
        let (body, heads) = families_on_page(&doc, 2);
        let body_family = body
            .iter()
            .max_by_key(|(_, shown)| **shown)
            .map(|(family, _)| family.clone())
            .expect("the page has body text");
        assert!(!heads.is_empty(), "{path}: no running head found on page 2");
        assert!(
            heads.iter().all(|h| *h == body_family),
            "{path}: running heads in {heads:?}, body in {body_family} ({body:?})"
        );
    }
    // The themes' body fonts differ, so the test tells them apart.
    let carer = families_on_page(&site.pdf("carer/guide/guide-carer.pdf"), 2).1;
    let professional = families_on_page(&site.pdf("guide/guide.pdf"), 2).1;
    assert_ne!(carer[0], professional[0]);
}

/// One word of a sheet and where its box starts, in points from the top
/// left.
struct Word {
    text: String,
    x: f64,
    y: f64,
}

/// A sheet's words, in reading order, and its size in points.
struct Sheet {
    words: Vec<Word>,
    width: f64,
    height: f64,
}

/// Page `number` of a PDF as `pdftotext -bbox` reads it; `None` when
/// pdftotext is missing (the test is then skipped or failed).
fn sheet(path: &std::path::Path, number: u32) -> Option<Sheet> {
    let page = number.to_string();
    let run = Command::new("pdftotext")
        .args(["-bbox", "-f", &page, "-l", &page])
        .arg(path)
        .arg("-")
        .output();
    let Ok(run) = run else {
        skip_or_fail(
            "pdftotext is needed to read the PDFs: apt-get install poppler-utils",
            "pdftotext is not installed (apt-get install poppler-utils)",
        );
        return None;
    };
    let html = String::from_utf8_lossy(&run.stdout).into_owned();
    let number = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let page_tag = html
        .split("<page ")
        .nth(1)
        .expect("a page")
        .split('>')
        .next()
        .unwrap()
        .to_string();
    let (width, height) = (number(&page_tag, "width"), number(&page_tag, "height"));
    let words = html
        .split("<word ")
        .skip(1)
        .map(|word| {
            let (tag, rest) = word.split_once('>').unwrap();
            let text = rest.split("</word>").next().unwrap();
            let text = text.replace("&amp;", "&").replace("&#183;", "·");
            Word {
                text,
                x: number(tag, "xMin"),
                y: number(tag, "yMin"),
            }
        })
        .collect();
    Some(Sheet {
        words,
        width,
        height,
    })
}

#[test]
fn a_pages_version_and_review_date_print_at_the_start_of_every_sheets_foot() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::with_site_yaml("languages:\n  cy: { label: Cymraeg }\n");
    let long: String = (1..=90)
        .map(|n| format!("Paragraph {n} of a page long enough to need two sheets.\n\n"))
        .collect();
    site.page(
        "resources/log.md",
        "title: Meeting log\nkind: log\nversion: 2\nreviewed: 2026-03-03",
        &long,
    );
    site.page("resources/log.cy.md", "title: Cofnod\nkind: log", &long);
    site.page(
        "resources/plain.md",
        "title: No edition\nkind: log",
        "Short.",
    );
    site.build_pdf_ok(&[]);
    for (path, edition) in [
        ("resources/log/log.pdf", "Version 2 · Reviewed 3 March 2026"),
        // The Welsh page takes `version` and `reviewed` from the English
        // one, and says them in Welsh.
        (
            "cy/resources/log/log-cy.pdf",
            "Fersiwn 2 · Adolygwyd 3 Mawrth 2026",
        ),
    ] {
        let pages = site.pdf(path).get_pages().len() as u32;
        assert!(pages >= 2, "{path} has {pages} page");
        for number in 1..=pages {
            let Some(sheet) = sheet(&site.output(path), number) else {
                return;
            };
            let words = &sheet.words;
            let first = edition.split(' ').next().unwrap();
            let at = words.iter().position(|w| {
                w.text == first && w.x < sheet.width / 4.0 && w.y > sheet.height * 0.9
            });
            let at = at.unwrap_or_else(|| {
                let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
                panic!("{path} page {number}: no {first:?} at the bottom left in {texts:?}")
            });
            let line: Vec<&str> = words[at..]
                .iter()
                .take(edition.split(' ').count())
                .map(|w| w.text.as_str())
                .collect();
            assert_eq!(line.join(" "), edition, "{path} page {number}");
        }
    }
    let Some(plain) = sheet(&site.output("resources/plain/plain.pdf"), 1) else {
        return;
    };
    let texts: Vec<&str> = plain.words.iter().map(|w| w.text.as_str()).collect();
    assert!(
        !texts.iter().any(|w| *w == "Version" || *w == "Reviewed"),
        "a page with neither has no edition: {texts:?}"
    );
}

#[test]
fn a_review_date_that_is_not_a_day_is_an_error_at_its_line() {
    let site = TestSite::new();
    site.page("log.md", "title: Log\nreviewed: 2026-02-30", "Text.");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("`reviewed` should be a day written YYYY-MM-DD")
            && stderr.contains("content/log.md:3:1"),
        "{stderr}"
    );
}

/// `signpost check --format json`'s score for the page at `url`.
fn score(site: &TestSite, url: &str, args: &[&str]) -> serde_json::Value {
    let run = site.check(&[&["--format", "json"][..], args].concat());
    let json: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    json["scores"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["url"] == url)
        .unwrap_or_else(|| panic!("no score for {url}"))
        .clone()
}

#[test]
fn check_counts_printed_pages_from_the_pdf_a_build_made_and_estimates_otherwise() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::example();
    let url = "/easy-read/resources/tree-of-life/";
    let path = "easy-read/resources/tree-of-life/tree-of-life-easy-read.pdf";
    let before = score(&site, url, &[]);
    assert_eq!(before["printed_pages_from"], "estimate", "{before}");
    let estimate = before["printed_pages"].as_u64().unwrap();

    site.build_pdf_ok(&[]);
    let real = site.pdf(path).get_pages().len() as u64;
    assert_ne!(
        real, estimate,
        "the example's estimate is off, so the test can tell them apart"
    );
    let after = score(&site, url, &[]);
    assert_eq!(after["printed_pages"], real, "{after}");
    assert_eq!(after["printed_pages_from"], "pdf", "{after}");
    let text = site.check(&[]).stdout;
    assert!(text.contains(&format!("{real} (PDF)")), "{text}");
    assert!(text.contains("counted from the PDF"), "{text}");

    // Another output folder holds no PDFs: an estimate again.
    let elsewhere = site.root().join("elsewhere");
    let elsewhere = elsewhere.to_str().unwrap();
    assert_eq!(
        score(&site, url, &["--out", elsewhere])["printed_pages_from"],
        "estimate"
    );

    // A page changed since its PDF was made is estimated again.
    let file = site
        .root()
        .join("content/resources/tree-of-life.easy-read.md");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options()
        .append(true)
        .open(&file)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let changed = score(&site, url, &[]);
    assert_eq!(changed["printed_pages_from"], "estimate", "{changed}");
    assert_eq!(changed["printed_pages"], estimate, "{changed}");
}
