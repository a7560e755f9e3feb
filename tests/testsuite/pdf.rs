//! Printable PDFs (docs/pdf.md): one test per behaviour a
//! reader or an author would notice, each building a small site with
//! `--pdf` and reading the PDFs in `public/` with lopdf.
//!
//! Printing needs Chromium (or Chrome). Where none is found these tests
//! print "skipped: …" and pass, unless the environment variable CI is set:
//! then they fail. The tests of a missing browser need none and always run.

use crate::harness::browser::{browser_or_skip, find_browser};
use crate::harness::html::{between, links, text_of};
use crate::harness::tree::files;
use crate::harness::{Run, TestSite};
use lopdf::{decode_text_string, Dictionary, Document, Object};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::PathBuf;
use std::process::Command;

// ---------------------------------------------------------------------------
// The browser

// ---------------------------------------------------------------------------
// Sites

/// A site with the one contract `resources/agreement.md`.
fn agreement(body: &str) -> TestSite {
    let site = TestSite::new();
    site.page(
        "resources/agreement.md",
        "title: Mentoring agreement\nkind: contract",
        body,
    );
    site
}

/// [`agreement`] on a site whose pages run their scripts while they print
/// (`pdf_scripts: true`), for the tests of what a script can do then.
fn scripted_agreement(body: &str) -> TestSite {
    let site = TestSite::with_site_yaml("pdf_scripts: true\n");
    site.page(
        "resources/agreement.md",
        "title: Mentoring agreement\nkind: contract",
        body,
    );
    site
}

/// A body long enough to need several sheets.
fn long_body() -> String {
    (1..=120)
        .map(|n| format!("Paragraph {n} of a long page, with enough words to fill a line.\n\n"))
        .collect()
}

/// Every file in the output, with its bytes.
fn all_files(site: &TestSite) -> BTreeMap<PathBuf, Vec<u8>> {
    files(&site.output(""))
}

/// Every PDF in the output, by path from `public/`.
fn all_pdfs(site: &TestSite) -> Vec<String> {
    all_files(site)
        .into_keys()
        .filter(|path| path.extension().is_some_and(|e| e == "pdf"))
        .map(|path| path.to_string_lossy().into_owned())
        .collect()
}

/// Whether `text` shows the size of a file of `bytes` bytes in kilobytes
/// ("24 KB"), to the nearest kilobyte either way.
fn shows_size(text: &str, bytes: u64) -> bool {
    let kb = bytes as f64 / 1024.0;
    text.split(" KB").any(|before| {
        before
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse::<f64>().ok())
            .is_some_and(|shown| (shown - kb).abs() <= 1.0)
    })
}

// ---------------------------------------------------------------------------
// Reading PDFs

/// The number of bytes of a file in the output.
fn file_size(site: &TestSite, path: &str) -> u64 {
    std::fs::metadata(site.output(path))
        .unwrap_or_else(|e| panic!("public/{path}: {e}"))
        .len()
}

/// A dictionary's entry, following a reference.
fn entry<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get_deref(key, doc).ok()
}

/// A text string entry (PDFDocEncoding or UTF-16BE with its BOM).
fn text_entry(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    entry(doc, dict, key).and_then(|o| decode_text_string(o).ok())
}

/// Each sheet's width and height in millimetres, from its /MediaBox (which
/// a page may take from its parents).
fn sheet_sizes_mm(doc: &Document) -> Vec<(f64, f64)> {
    doc.get_pages()
        .values()
        .map(|&id| {
            let mut node = doc.get_dictionary(id).unwrap();
            let media_box = loop {
                if let Some(found) = entry(doc, node, b"MediaBox") {
                    break found.as_array().unwrap();
                }
                node = entry(doc, node, b"Parent")
                    .and_then(|p| p.as_dict().ok())
                    .expect("a page has a /MediaBox or a parent with one");
            };
            let n: Vec<f64> = media_box
                .iter()
                .map(|o| o.as_float().unwrap() as f64)
                .collect();
            let mm = |pt: f64| pt * 25.4 / 72.0;
            (mm(n[2] - n[0]), mm(n[3] - n[1]))
        })
        .collect()
}

/// Panics unless every sheet of the PDF at `path` is `width` × `height` mm,
/// to within a millimetre.
fn assert_sheets(site: &TestSite, path: &str, width: f64, height: f64) {
    let sizes = sheet_sizes_mm(&site.pdf(path));
    assert!(!sizes.is_empty(), "{path} has no pages");
    for (w, h) in sizes {
        assert!(
            (w - width).abs() <= 1.0 && (h - height).abs() <= 1.0,
            "{path} is {w:.1} × {h:.1} mm, not {width} × {height} mm"
        );
    }
}

/// The title in the document information dictionary.
fn info_title(doc: &Document) -> Option<String> {
    let info = entry(doc, &doc.trailer, b"Info")?.as_dict().ok()?;
    text_entry(doc, info, b"Title")
}

/// Whether the PDF is tagged: its catalog has a structure tree and
/// `/MarkInfo << /Marked true >>`.
fn is_tagged(doc: &Document) -> bool {
    let catalog = doc.catalog().unwrap();
    let marked = entry(doc, catalog, b"MarkInfo")
        .and_then(|m| m.as_dict().ok())
        .and_then(|m| m.get(b"Marked").ok())
        .and_then(|m| m.as_bool().ok());
    entry(doc, catalog, b"StructTreeRoot").is_some() && marked == Some(true)
}

/// The titles of the outline (bookmarks), depth first.
fn outline_titles(doc: &Document) -> Vec<String> {
    fn walk(doc: &Document, first: Option<&Object>, titles: &mut Vec<String>) {
        let mut item = first.and_then(|o| doc.dereference(o).ok()?.1.as_dict().ok());
        while let Some(dict) = item {
            titles.extend(text_entry(doc, dict, b"Title"));
            walk(doc, dict.get(b"First").ok(), titles);
            item = entry(doc, dict, b"Next").and_then(|o| o.as_dict().ok());
        }
    }
    let mut titles = Vec::new();
    let outlines = entry(doc, doc.catalog().unwrap(), b"Outlines").and_then(|o| o.as_dict().ok());
    if let Some(outlines) = outlines {
        walk(doc, outlines.get(b"First").ok(), &mut titles);
    }
    titles
}

/// The text of every page, in order.
fn text(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().into_keys().collect();
    doc.extract_text(&pages).expect("the text can be read")
}

/// Where each of `words` first appears in `text`, panicking if one is not
/// there.
fn positions(text: &str, words: &[&str]) -> Vec<usize> {
    words
        .iter()
        .map(|w| {
            text.find(w)
                .unwrap_or_else(|| panic!("{w:?} is not in the text:\n{text}"))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Names and places

#[test]
fn a_contract_has_a_pdf_in_its_folder_for_each_audience() {
    if !browser_or_skip() {
        return;
    }
    let site = agreement("Sign here.");
    site.build_pdf_ok(&[]);
    let mut pdfs = all_pdfs(&site);
    pdfs.sort();
    assert_eq!(
        pdfs,
        [
            "carer/resources/agreement/agreement-carer.pdf",
            "easy-read/resources/agreement/agreement-easy-read.pdf",
            "resources/agreement/agreement.pdf",
        ]
    );
    for path in pdfs {
        assert!(!site.pdf(&path).get_pages().is_empty(), "{path}");
    }
}

#[test]
fn an_ordinary_page_has_a_pdf_only_with_pdf_true() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::new();
    site.page("guide/plain.md", "title: Plain", "Words.");
    site.page("guide/wanted.md", "title: Wanted\npdf: true", "Words.");
    site.build_pdf_ok(&[]);
    assert!(!site.exists("guide/plain/plain.pdf"));
    assert!(site.exists("guide/wanted/wanted.pdf"));
    assert!(site.exists("easy-read/guide/wanted/wanted-easy-read.pdf"));
    assert!(all_pdfs(&site).iter().all(|p| !p.contains("plain")));
}

#[test]
fn pdf_false_on_a_contract_means_no_pdf() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::new();
    site.page(
        "resources/agreement.md",
        "title: Agreement\nkind: contract\npdf: false",
        "Sign here.",
    );
    site.page("resources/log.md", "title: Log\nkind: log", "Write here.");
    site.build_pdf_ok(&[]);
    assert!(site.exists("resources/log/log.pdf"));
    assert!(
        all_pdfs(&site).iter().all(|p| !p.contains("agreement")),
        "{:?}",
        all_pdfs(&site)
    );
}

#[test]
fn the_home_page_pdf_is_named_after_the_site_title() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::new();
    site.page("_index.md", "title: Welcome\npdf: true", "Hello.");
    site.page("guide/a.md", "title: A", "Words.");
    site.build_pdf_ok(&[]);
    for path in [
        "test-pack.pdf",
        "carer/test-pack-carer.pdf",
        "easy-read/test-pack-easy-read.pdf",
    ] {
        assert!(site.exists(path), "{path}: {:?}", all_pdfs(&site));
    }
}

// ---------------------------------------------------------------------------
// Sheets

#[test]
fn a_long_page_prints_on_several_sheets() {
    if !browser_or_skip() {
        return;
    }
    let site = agreement(&long_body());
    site.build_pdf_ok(&[]);
    let pages = site
        .pdf("resources/agreement/agreement.pdf")
        .get_pages()
        .len();
    assert!(pages > 1, "a long page printed on {pages} sheet");
}

/// Builds a poster on each paper, all with this orientation, and checks
/// the size of each sheet.
fn check_papers(orientation: &str) {
    let papers = [
        ("A4", (210.0, 297.0)),
        ("A3", (297.0, 420.0)),
        ("A5", (148.0, 210.0)),
        ("Letter", (215.9, 279.4)),
    ];
    let site = TestSite::new();
    for (paper, _) in papers {
        site.page(
            &format!("posters/{}.md", paper.to_lowercase()),
            &format!("title: {paper}\nkind: poster\npaper: {paper}\norientation: {orientation}"),
            "Big words.",
        );
    }
    site.build_pdf_ok(&[]);
    for (paper, (width, height)) in papers {
        let name = paper.to_lowercase();
        let (width, height) = if orientation == "landscape" {
            (height, width)
        } else {
            (width, height)
        };
        assert_sheets(&site, &format!("posters/{name}/{name}.pdf"), width, height);
    }
}

#[test]
fn each_paper_prints_at_its_size() {
    if !browser_or_skip() {
        return;
    }
    check_papers("portrait");
}

#[test]
fn landscape_swaps_width_and_height() {
    if !browser_or_skip() {
        return;
    }
    check_papers("landscape");
}

#[test]
fn a_page_without_paper_prints_on_a4_portrait() {
    if !browser_or_skip() {
        return;
    }
    let site = agreement("Sign here.");
    site.build_pdf_ok(&[]);
    assert_sheets(&site, "resources/agreement/agreement.pdf", 210.0, 297.0);
}

// ---------------------------------------------------------------------------
// What is in a PDF

#[test]
fn the_pdf_title_is_the_page_title_then_the_site_and_any_audience_but_the_default() {
    if !browser_or_skip() {
        return;
    }
    let site = agreement("Sign here.");
    site.page(
        "resources/agreement.easy-read.md",
        "title: Our agreement",
        "Sign here.",
    );
    site.build_pdf_ok(&[]);
    for (path, title) in [
        (
            "resources/agreement/agreement.pdf",
            "Mentoring agreement – Test pack",
        ),
        (
            "easy-read/resources/agreement/agreement-easy-read.pdf",
            "Our agreement – Test pack (Easy read)",
        ),
    ] {
        assert_eq!(
            info_title(&site.pdf(path)).as_deref(),
            Some(title),
            "{path}"
        );
    }
}

#[test]
fn the_pdf_language_is_the_site_language() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::with_site_yaml("language: cy\n");
    site.page(
        "resources/agreement.md",
        "title: Cytundeb\nkind: contract",
        "Llofnodwch yma.",
    );
    site.build_pdf_ok(&[]);
    let doc = site.pdf("resources/agreement/agreement.pdf");
    let lang = text_entry(&doc, doc.catalog().unwrap(), b"Lang");
    assert_eq!(lang.as_deref(), Some("cy"));
}

#[test]
fn the_pdf_is_tagged() {
    if !browser_or_skip() {
        return;
    }
    let site = agreement("## Who signs\n\nBoth of you.\n");
    site.build_pdf_ok(&[]);
    for path in all_pdfs(&site) {
        assert!(is_tagged(&site.pdf(&path)), "{path} is not tagged");
    }
}

#[test]
fn the_pdf_outline_holds_the_page_headings() {
    if !browser_or_skip() {
        return;
    }
    let site = agreement(
        "## Before you meet\n\nRead this.\n\n### Café rules\n\nBe kind.\n\n## On the day\n\nTalk.\n",
    );
    site.build_pdf_ok(&[]);
    let titles = outline_titles(&site.pdf("resources/agreement/agreement.pdf"));
    for heading in [
        "Mentoring agreement",
        "Before you meet",
        "Café rules",
        "On the day",
    ] {
        assert!(
            titles.iter().any(|t| t.trim() == heading),
            "{heading:?} is not in the outline: {titles:?}"
        );
    }
    let at = positions(
        &titles.join("\n"),
        &["Before you meet", "Café rules", "On the day"],
    );
    assert!(at.is_sorted(), "the outline is out of order: {titles:?}");
}

#[test]
fn the_pdf_holds_the_page_text() {
    if !browser_or_skip() {
        return;
    }
    let site = agreement("We meet once a month at the Quokkaville library.\n");
    site.build_pdf_ok(&[]);
    let text = text(&site.pdf("resources/agreement/agreement.pdf"));
    positions(&text, &["Mentoring agreement", "Quokkaville"]);
}

// ---------------------------------------------------------------------------
// A section's PDF

/// A section `guide/` with `pdf: true`, its own text, three pages in weight
/// order Beta, Gamma, Alpha (not their file order), a subsection with one
/// page, and a draft.
fn guide_section() -> TestSite {
    let site = TestSite::new();
    site.page(
        "guide/_index.md",
        "title: Guide\npdf: true",
        "Sectionword intro.\n",
    );
    site.page(
        "guide/alpha.md",
        "title: Alpha\nweight: 3",
        "Alphaword here.\n",
    );
    site.page(
        "guide/beta.md",
        "title: Beta\nweight: 1",
        "Betaword here.\n",
    );
    site.page(
        "guide/gamma.md",
        "title: Gamma\nweight: 2",
        "Gammaword here.\n",
    );
    site.page(
        "guide/more/_index.md",
        "title: More\nweight: 4",
        "Moreword here.\n",
    );
    site.page("guide/more/delta.md", "title: Delta", "Deltaword here.\n");
    site.page(
        "guide/draft.md",
        "title: Unfinished\nweight: 2\ndraft: true",
        "Draftword here.\n",
    );
    site
}

#[test]
fn a_section_pdf_holds_its_pages_in_order() {
    if !browser_or_skip() {
        return;
    }
    let site = guide_section();
    site.build_pdf_ok(&[]);
    let text = text(&site.pdf("guide/guide.pdf"));
    let at = positions(
        &text,
        &["Sectionword", "Betaword", "Gammaword", "Alphaword"],
    );
    assert!(at.is_sorted(), "the pages are out of order:\n{text}");
}

#[test]
fn a_section_pdf_starts_with_a_contents_page() {
    if !browser_or_skip() {
        return;
    }
    let site = guide_section();
    site.build_pdf_ok(&[]);
    let text = text(&site.pdf("guide/guide.pdf"));
    let first_part = positions(&text, &["Betaword"])[0];
    let before = &text[..first_part];
    let at = positions(
        before,
        &["Contents", "Beta", "Gamma", "Alpha", "More", "Delta"],
    );
    assert!(at.is_sorted(), "the contents are out of order:\n{before}");
}

#[test]
fn a_section_pdf_includes_its_subsections_pages() {
    if !browser_or_skip() {
        return;
    }
    let site = guide_section();
    site.build_pdf_ok(&[]);
    let text = text(&site.pdf("guide/guide.pdf"));
    let at = positions(&text, &["Alphaword", "Moreword", "Deltaword"]);
    assert!(at.is_sorted(), "the subsection is out of order:\n{text}");
}

#[test]
fn a_section_pdf_leaves_out_drafts_unless_they_are_built() {
    if !browser_or_skip() {
        return;
    }
    let site = guide_section();
    site.build_pdf_ok(&[]);
    let text_without = text(&site.pdf("guide/guide.pdf"));
    assert!(!text_without.contains("Draftword"), "{text_without}");
    assert!(!text_without.contains("Unfinished"), "{text_without}");
    site.build_pdf_ok(&["--drafts"]);
    positions(
        &text(&site.pdf("guide/guide.pdf")),
        &["Unfinished", "Draftword"],
    );
}

// ---------------------------------------------------------------------------
// Links and the downloads page

#[test]
fn each_page_with_a_pdf_links_to_it_with_its_size_and_page_count() {
    if !browser_or_skip() {
        return;
    }
    let site = agreement(&long_body());
    site.page(
        "resources/_index.md",
        "title: Resources\npdf: true",
        "All of them.",
    );
    site.build_pdf_ok(&[]);
    for (page, pdf_path, href) in [
        (
            "resources/agreement/index.html",
            "resources/agreement/agreement.pdf",
            "agreement.pdf",
        ),
        (
            "easy-read/resources/agreement/index.html",
            "easy-read/resources/agreement/agreement-easy-read.pdf",
            "agreement-easy-read.pdf",
        ),
        (
            "resources/index.html",
            "resources/resources.pdf",
            "resources.pdf",
        ),
    ] {
        let html = site.read(page);
        let link = html
            .split(&format!("href=\"{href}\""))
            .nth(1)
            .unwrap_or_else(|| panic!("{page} does not link to {href}:\n{html}"));
        let link = &link[..link.find("</p>").unwrap_or(link.len())];
        let sheets = site.pdf(pdf_path).get_pages().len();
        assert!(link.contains(&format!("{sheets} pages")), "{page}: {link}");
        // Easy-read pages say the number of pages alone, in plain words.
        if page.starts_with("easy-read/") {
            assert!(link.contains(">Print this page</a>"), "{page}: {link}");
        } else {
            assert!(
                shows_size(link, file_size(&site, pdf_path)),
                "{page}: {link}"
            );
        }
    }
}

/// Each PDF on a downloads page, in order: the text between its
/// `<li class="download">` and `</li>`.
fn download_items(html: &str) -> Vec<&str> {
    html.split("<li class=\"download\">")
        .skip(1)
        .map(|item| &item[..item.find("</li>").expect("an item is closed")])
        .collect()
}

/// The text of the paragraph of class `class` in `html`.
fn paragraph(html: &str, class: &str) -> String {
    text_of(between(html, &format!("<p class=\"{class}\">"), "</p>"))
}

/// The entries of the zip file at `path` in the output, by name, with
/// their bytes, in the zip's order.
fn zip_entries(site: &TestSite, path: &str) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(site.output(path)).unwrap_or_else(|e| panic!("public/{path}: {e}"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap_or_else(|e| panic!("public/{path} is not a zip file: {e}"));
    (0..zip.len())
        .map(|n| {
            let mut entry = zip.by_index(n).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().to_string(), bytes)
        })
        .collect()
}

#[test]
fn each_audience_downloads_page_lists_its_pdfs() {
    if !browser_or_skip() {
        return;
    }
    let site = agreement("Sign here.");
    site.page(
        "resources/log.md",
        "title: Meeting log\nkind: log\npaper: A5\norientation: landscape",
        &long_body(),
    );
    site.page("guide/_index.md", "title: Guide\npdf: true", "Intro.");
    site.page("guide/a.md", "title: A", "Words.");
    site.build_pdf_ok(&[]);
    for (prefix, suffix) in [("", ""), ("carer/", "-carer"), ("easy-read/", "-easy-read")] {
        let page = format!("{prefix}downloads/index.html");
        let html = site.read(&page);
        let main = between(&html, "<main", "</main>");
        // No table, and no internal kind names (contract, log, collection).
        assert!(!main.contains("<table"), "{page}:\n{main}");
        for kind in ["contract", "collection", ">log<", ">agreement<"] {
            assert!(!main.contains(kind), "{page} says {kind:?}:\n{main}");
        }
        // In the pack's order, as its home page lists them (by title here,
        // as none has a weight), not in the order of their files.
        let expected = [
            ("guide/guide", "Guide", "guide/", "A4 portrait"),
            (
                "resources/log/log",
                "Meeting log",
                "resources/log/",
                "A5 landscape",
            ),
            (
                "resources/agreement/agreement",
                "Mentoring agreement",
                "resources/agreement/",
                "A4 portrait",
            ),
        ];
        let items = download_items(main);
        assert_eq!(items.len(), expected.len(), "{page}:\n{main}");
        for (item, (pdf_path, title, web_page, paper)) in items.iter().zip(expected) {
            let href = format!("../{pdf_path}{suffix}.pdf");
            let pdf_path = format!("{prefix}{pdf_path}{suffix}.pdf");
            let links = links(item);
            // The title links to the PDF, and says it is one to a screen
            // reader (the words after the title are visually hidden).
            assert_eq!(links[0], (format!("{title} (PDF)"), href), "{page}: {item}");
            assert!(
                item.contains("<span class=\"visually-hidden\"> (PDF)</span>"),
                "{item}"
            );
            // Then its details in one line, then a link to its web page.
            let details = paragraph(item, "download-details");
            let sheets = site.pdf(&pdf_path).get_pages().len();
            let pages = if sheets == 1 {
                "1 page".to_string()
            } else {
                format!("{sheets} pages")
            };
            assert!(
                shows_size(&details, file_size(&site, &pdf_path)),
                "{page}: {details}"
            );
            if prefix == "easy-read/" {
                let paper = paper.split(' ').next().unwrap();
                assert!(
                    details.starts_with(&format!("{pages} on {paper} paper. PDF file, ")),
                    "{details}"
                );
                assert!(details.ends_with(" KB."), "{details}");
            } else {
                assert!(details.starts_with("PDF, "), "{details}");
                assert!(
                    details.ends_with(&format!(" KB, {pages}, {paper}")),
                    "{details}"
                );
            }
            let read = if prefix == "easy-read/" {
                "Read it on this website"
            } else {
                "Read it on the website"
            };
            assert_eq!(
                links[1],
                (format!("{read} ({title})"), format!("../{web_page}")),
                "{item}"
            );
            assert_eq!(links.len(), 2, "{item}");
        }
        // Above them, the zip of them all, with its size.
        let zip_name = format!("test-pack{suffix}.zip");
        let zip_path = format!("{prefix}downloads/{zip_name}");
        let zip_line = between(main, "<p class=\"downloads-zip\">", "</p>");
        let all = if prefix == "easy-read/" {
            "Get all 3 print pages in one zip file"
        } else {
            "Download all 3 PDFs as one zip file"
        };
        assert_eq!(
            links(zip_line),
            [(all.to_string(), zip_name.clone())],
            "{zip_line}"
        );
        let zip_details = paragraph(main, "downloads-zip");
        assert!(
            zip_details.starts_with(&format!("{all} (ZIP, ")),
            "{zip_details}"
        );
        assert!(
            shows_size(&zip_details, file_size(&site, &zip_path)),
            "{zip_details}"
        );
        assert!(
            main.find("downloads-zip") < main.find("class=\"download\""),
            "{main}"
        );
        // The zip holds the PDFs, by their file names, in the page's order,
        // byte for byte.
        let entries = zip_entries(&site, &zip_path);
        let names: Vec<&str> = entries.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                format!("guide{suffix}.pdf"),
                format!("log{suffix}.pdf"),
                format!("agreement{suffix}.pdf")
            ],
            "{zip_path}"
        );
        for ((name, bytes), (pdf_path, ..)) in entries.iter().zip(expected) {
            let on_disk =
                std::fs::read(site.output(&format!("{prefix}{pdf_path}{suffix}.pdf"))).unwrap();
            assert!(*bytes == on_disk, "{zip_path}: {name} is not the PDF");
        }
    }
}

/// The names in the zip file at `path` in the output, in order.
fn zip_names(site: &TestSite, path: &str) -> Vec<String> {
    zip_entries(site, path)
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

#[test]
fn the_welsh_downloads_pages_say_it_in_welsh_with_a_welsh_zip() {
    if !browser_or_skip() {
        return;
    }
    let site =
        TestSite::with_site_yaml("languages:\n  cy: { label: Cymraeg, title: Pecyn prawf }\n");
    site.page(
        "resources/agreement.md",
        "title: Mentoring agreement\nkind: contract",
        "Words.",
    );
    site.page(
        "resources/agreement.cy.md",
        "title: Cytundeb mentora",
        "Geiriau.",
    );
    site.page(
        "resources/agreement.easy-read.cy.md",
        "title: Ein cytundeb",
        "Geiriau.",
    );
    site.page(
        "resources/log.md",
        "title: Meeting log\nkind: log",
        "Words.",
    );
    site.page("resources/log.cy.md", "title: Cofnod", "Geiriau.");
    site.build_pdf_ok(&[]);
    let html = site.read("cy/downloads/index.html");
    let main = between(&html, "<main", "</main>");
    let zip_line = between(main, "<p class=\"downloads-zip\">", "</p>");
    assert_eq!(
        links(zip_line),
        [(
            "Lawrlwytho pob un o'r 2 PDF fel un ffeil zip".to_string(),
            "pecyn-prawf-cy.zip".to_string()
        )]
    );
    assert!(
        shows_size(
            &text_of(zip_line),
            file_size(&site, "cy/downloads/pecyn-prawf-cy.zip")
        ),
        "{zip_line}"
    );
    let items = download_items(main);
    assert_eq!(items.len(), 2, "{main}");
    let details = paragraph(items[1], "download-details");
    assert!(details.starts_with("PDF, "), "{details}");
    assert!(
        details.ends_with(" KB, 1 tudalen, A4 portread"),
        "{details}"
    );
    assert_eq!(
        links(items[1]),
        [
            (
                "Cytundeb mentora (PDF)".to_string(),
                "../resources/agreement/agreement-cy.pdf".to_string()
            ),
            (
                "Darllen y dudalen ar y wefan (Cytundeb mentora)".to_string(),
                "../resources/agreement/".to_string()
            )
        ]
    );
    // In the Welsh pack's order (Cofnod before Cytundeb).
    assert_eq!(
        zip_names(&site, "cy/downloads/pecyn-prawf-cy.zip"),
        ["log-cy.pdf", "agreement-cy.pdf"]
    );
    // Welsh easy read: its own words.
    let easy = site.read("cy/easy-read/downloads/index.html");
    let easy = between(&easy, "<main", "</main>");
    assert_eq!(
        links(between(easy, "<p class=\"downloads-zip\">", "</p>")),
        [(
            "Cael pob un o'r 2 tudalen i'w hargraffu mewn un ffeil zip".to_string(),
            "pecyn-prawf-easy-read-cy.zip".to_string()
        )]
    );
    let details = paragraph(download_items(easy)[0], "download-details");
    assert!(
        details.starts_with("1 tudalen ar bapur A4. Ffeil PDF, "),
        "{details}"
    );
    assert_eq!(
        zip_names(&site, "cy/easy-read/downloads/pecyn-prawf-easy-read-cy.zip"),
        ["log-easy-read-cy.pdf", "agreement-easy-read-cy.pdf"]
    );
    // The English page's zip holds no Welsh PDF.
    assert_eq!(
        zip_names(&site, "downloads/test-pack.zip"),
        ["log.pdf", "agreement.pdf"]
    );
}

#[test]
fn rebuilding_with_unchanged_pdfs_makes_the_same_zip_and_a_changed_pdf_a_new_one() {
    if !browser_or_skip() {
        return;
    }
    let site = agreement("Sign here.");
    site.page("resources/b.md", "title: B\nkind: poster", "Words.");
    site.build_pdf_ok(&[]);
    let zip = "downloads/test-pack.zip";
    let first = std::fs::read(site.output(zip)).unwrap();
    // More than two seconds apart (a zip counts time in steps of two), so
    // a zip that held the time it was made would differ.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let run = site.build_pdf_ok(&[]);
    assert!(run.stderr.contains("(6 unchanged)"), "{}", run.stderr);
    assert!(
        std::fs::read(site.output(zip)).unwrap() == first,
        "the zip changed"
    );
    site.page("resources/b.md", "title: B\nkind: poster", "Other words.");
    site.build_pdf_ok(&[]);
    let b = std::fs::read(site.output("resources/b/b.pdf")).unwrap();
    let entries = zip_entries(&site, zip);
    let zipped_b = entries.iter().find(|(name, _)| name == "b.pdf");
    assert!(
        zipped_b.is_some_and(|(_, bytes)| *bytes == b),
        "the zip holds the old b.pdf"
    );
    assert!(std::fs::read(site.output(zip)).unwrap() != first);
}

#[test]
fn a_file_where_the_zip_goes_is_an_error_while_pdfs_are_made() {
    let site = agreement("Sign here.");
    site.write("static/downloads/test-pack.zip", "not ours");
    site.build_ok(&[]);
    let stderr = site.build_fails(&["--pdf"]);
    assert!(
        stderr.contains("static/downloads/test-pack.zip")
            && stderr.contains("/downloads/ is reserved"),
        "{stderr}"
    );
}

#[test]
fn without_pdfs_there_is_no_downloads_page_and_no_pdf_link() {
    let check = |site: &TestSite| {
        assert!(all_pdfs(site).is_empty(), "{:?}", all_pdfs(site));
        for prefix in ["", "carer/", "easy-read/"] {
            assert!(
                !site.exists(&format!("{prefix}downloads")),
                "{prefix}downloads/"
            );
        }
        let html = site.read("resources/agreement/index.html");
        assert!(!html.contains(".pdf\""), "{html}");
        assert!(!html.contains("downloads/\""), "{html}");
    };
    let site = agreement("Sign here.");
    site.build_ok(&[]);
    check(&site);
    // And after a build with PDFs, a build without them leaves none behind.
    if !browser_or_skip() {
        return;
    }
    site.build_pdf_ok(&[]);
    assert!(site.exists("downloads/index.html"));
    site.build_ok(&[]);
    check(&site);
}

// ---------------------------------------------------------------------------
// Reprinting only what changed

/// Two contracts, `a` with an easy-read variant, built once with PDFs:
/// six PDFs.
fn two_contracts() -> TestSite {
    let site = TestSite::new();
    site.page("resources/a.md", "title: A\nkind: contract", "First words.");
    site.page("resources/a.easy-read.md", "title: A easy", "Easy words.");
    site.page("resources/b.md", "title: B\nkind: contract", "Other words.");
    let run = site.build_pdf_ok(&[]);
    assert!(
        run.stderr.contains("printed 6 PDFs (0 unchanged)"),
        "{}",
        run.stderr
    );
    site
}

/// Every PDF in the output, with its bytes.
fn pdf_bytes(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    all_pdfs(site)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(site.output(&path)).unwrap();
            (path, bytes)
        })
        .collect()
}

#[test]
fn an_unchanged_second_build_prints_nothing() {
    if !browser_or_skip() {
        return;
    }
    let site = two_contracts();
    let before = pdf_bytes(&site);
    let run = site.build_pdf_ok(&[]);
    assert!(
        run.stderr.contains("printed 0 PDFs (6 unchanged)"),
        "{}",
        run.stderr
    );
    assert_eq!(before.len(), 6);
    assert!(pdf_bytes(&site) == before, "a PDF changed");
}

#[test]
fn changing_a_page_reprints_only_its_pdf() {
    if !browser_or_skip() {
        return;
    }
    let site = two_contracts();
    let before = pdf_bytes(&site);
    site.page(
        "resources/a.easy-read.md",
        "title: A easy",
        "Wombatword words.",
    );
    let run = site.build_pdf_ok(&[]);
    assert!(
        run.stderr.contains("printed 1 PDFs (5 unchanged)"),
        "{}",
        run.stderr
    );
    let changed = "easy-read/resources/a/a-easy-read.pdf";
    positions(&text(&site.pdf(changed)), &["Wombatword"]);
    for (path, bytes) in pdf_bytes(&site) {
        if path != changed {
            assert!(bytes == before[&path], "{path} changed");
        }
    }
}

#[test]
fn changing_the_paper_reprints_the_pdf() {
    if !browser_or_skip() {
        return;
    }
    let site = two_contracts();
    site.page(
        "resources/b.md",
        "title: B\nkind: contract\npaper: A5",
        "Other words.",
    );
    let run = site.build_pdf_ok(&[]);
    assert!(
        run.stderr.contains("printed 3 PDFs (3 unchanged)"),
        "{}",
        run.stderr
    );
    for path in [
        "resources/b/b.pdf",
        "carer/resources/b/b-carer.pdf",
        "easy-read/resources/b/b-easy-read.pdf",
    ] {
        assert_sheets(&site, path, 148.0, 210.0);
    }
}

// ---------------------------------------------------------------------------
// No browser (these need none)

/// Panics unless the failed build said why and how to fix it, and left the
/// output as it was.
fn assert_failed_cleanly(site: &TestSite, run: &Run, before: &BTreeMap<PathBuf, Vec<u8>>) {
    assert!(
        !run.success,
        "the build should have failed:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stderr.contains("/nonexistent/chrome"), "{}", run.stderr);
    assert!(run.stderr.contains("--browser"), "{}", run.stderr);
    assert!(
        run.stderr.to_lowercase().contains("install"),
        "{}",
        run.stderr
    );
    assert!(all_files(site) == *before, "public/ changed");
}

#[test]
fn a_missing_browser_named_with_browser_fails_and_changes_nothing() {
    let site = agreement("Sign here.");
    site.build_ok(&[]);
    let before = all_files(&site);
    let run = site.build(&["--pdf", "--browser", "/nonexistent/chrome"]);
    assert_failed_cleanly(&site, &run, &before);
}

#[test]
fn a_missing_browser_named_by_signpost_browser_fails_and_changes_nothing() {
    let site = agreement("Sign here.");
    site.build_ok(&[]);
    let before = all_files(&site);
    let root = site.root().to_str().unwrap();
    let run = site.run_with_env(
        &["build", "--pdf", "--root", root],
        &[("SIGNPOST_BROWSER", "/nonexistent/chrome")],
    );
    assert!(run.stderr.contains("SIGNPOST_BROWSER"), "{}", run.stderr);
    assert_failed_cleanly(&site, &run, &before);
}

// ---------------------------------------------------------------------------
// What a printed page may reach (page bodies are untrusted in a pull request)

/// A TCP listener on 127.0.0.1 that a page must never reach.
struct Listener(std::net::TcpListener);

impl Listener {
    fn new() -> Listener {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        Listener(listener)
    }

    fn port(&self) -> u16 {
        self.0.local_addr().unwrap().port()
    }

    /// Panics if anything connected: a connection waits in the backlog
    /// until accepted, even after the build has ended.
    fn assert_untouched(&self) {
        match self.0.accept() {
            Ok((mut stream, from)) => {
                use std::io::Read;
                stream.set_nonblocking(true).unwrap();
                let mut request = [0u8; 300];
                let length = stream.read(&mut request).unwrap_or(0);
                let request = String::from_utf8_lossy(&request[..length]);
                panic!("the build connected to the listener from {from}, sending {request:?}")
            }
            Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::WouldBlock, "{e}"),
        }
    }
}

#[test]
fn a_printed_page_cannot_show_the_machines_files() {
    if !browser_or_skip() {
        return;
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap();
    let secret = passwd.lines().next().unwrap().split(':').next().unwrap();
    let site = scripted_agreement(
        "Before the frames.\n\n\
         <iframe src=\"file:///etc/passwd\"></iframe>\n\
         <iframe src=\"file:///tmp/../etc/passwd\"></iframe>\n\
         <iframe src=\"file:///%65tc/passwd\"></iframe>\n\
         <iframe src=\"../../../../../../../../../../etc/passwd\"></iframe>\n\
         <iframe src=\"../../own.html\"></iframe>\n\
         <img src=\"file:///etc/hostname\" alt=\"\">\n\
         <object data=\"file:///etc/passwd\"></object>\n\
         <iframe srcdoc=\"<iframe src='file:///etc/passwd'></iframe>\"></iframe>\n\
         <iframe src=\"data:text/html,<iframe src='file:///etc/passwd'></iframe>\"></iframe>\n\
         <script>\n\
         fetch('file:///etc/passwd').then(r => r.text())\n\
           .then(t => document.body.append(t)).catch(() => {});\n\
         </script>\n\n\
         After the frames.\n",
    );
    // The control: a frame of the site's own file does print.
    site.write("static/own.html", "<p>Ownword from the site</p>");
    site.build_pdf_ok(&[]);
    let text = text(&site.pdf("resources/agreement/agreement.pdf"));
    positions(&text, &["Before the frames", "Ownword", "After the frames"]);
    for line in passwd.lines().take(3) {
        assert!(!text.contains(line), "{line:?} was printed:\n{text}");
    }
    assert!(
        !text.contains(&format!("{secret}:x:")),
        "/etc/passwd was printed:\n{text}"
    );
}

#[test]
fn a_printed_page_cannot_send_its_tab_to_the_machines_files() {
    if !browser_or_skip() {
        return;
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap();
    let site = scripted_agreement(
        "Leaving now.\n\n\
         <meta http-equiv=\"refresh\" content=\"0; url=file:///etc/passwd\">\n\
         <script>setTimeout(() => location.href = 'file:///etc/passwd', 10);</script>\n",
    );
    // Printing starts once the page has loaded, perhaps before it leaves:
    // whatever is printed, it is not the file.
    site.build_pdf_ok(&[]);
    let text = text(&site.pdf("resources/agreement/agreement.pdf"));
    let first = passwd.lines().next().unwrap();
    assert!(!text.contains(first), "{first:?} was printed:\n{text}");
}

#[test]
fn a_printed_page_cannot_reach_the_network() {
    if !browser_or_skip() {
        return;
    }
    let listener = Listener::new();
    let port = listener.port();
    let site = scripted_agreement(&format!(
        "Offline words.\n\n\
         <iframe src=\"http://127.0.0.1:{port}/frame\"></iframe>\n\
         <iframe src=\"http://localhost:{port}/named\"></iframe>\n\
         <img src=\"http://127.0.0.1:{port}/picture.png\" alt=\"\">\n\
         <link rel=\"stylesheet\" href=\"https://127.0.0.1:{port}/style.css\">\n\
         <link rel=\"preconnect\" href=\"http://127.0.0.1:{port}\">\n\
         <script>\n\
         fetch('http://127.0.0.1:{port}/fetch').catch(() => {{}});\n\
         new Image().src = 'http://127.0.0.1:{port}/beacon';\n\
         try {{ new WebSocket('ws://127.0.0.1:{port}/socket'); }} catch (e) {{}}\n\
         </script>\n"
    ));
    site.build_pdf_ok(&[]);
    positions(
        &text(&site.pdf("resources/agreement/agreement.pdf")),
        &["Offline words"],
    );
    listener.assert_untouched();
}

#[test]
fn pages_print_without_their_scripts_unless_site_yaml_says() {
    if !browser_or_skip() {
        return;
    }
    let body = "<p id=\"said\">Unscripted</p>\n\
                <script>document.getElementById('said').textContent = 'Scriptword';</script>\n";
    let quiet = agreement(body);
    quiet.build_pdf_ok(&[]);
    let printed = text(&quiet.pdf("resources/agreement/agreement.pdf"));
    assert!(printed.contains("Unscripted"), "{printed}");
    assert!(!printed.contains("Scriptword"), "{printed}");
    // The web page keeps its script.
    assert!(quiet
        .read("resources/agreement/index.html")
        .contains("'Scriptword'"));

    let scripted = scripted_agreement(body);
    scripted.build_pdf_ok(&[]);
    let printed = text(&scripted.pdf("resources/agreement/agreement.pdf"));
    assert!(printed.contains("Scriptword"), "{printed}");
}

#[test]
fn pages_printed_one_after_another_in_a_tab_keep_their_pictures_and_inner_links() {
    if !browser_or_skip() {
        return;
    }
    // More pages than tabs, so that most are put into a tab that printed
    // another page before.
    let site = TestSite::new();
    site.write(
        "static/images/dot.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><circle cx=\"5\" cy=\"5\" r=\"5\"/></svg>",
    );
    for n in 1..=9 {
        site.page(
            &format!("resources/log-{n}.md"),
            &format!("title: Log {n}\nkind: log"),
            &format!(
                "[Go to the notes](#notes-{n})\n\n![A dot](/images/dot.svg)\n\n{}\n## Notes {n} {{#notes-{n}}}\n\nWord{n}.\n",
                long_body()
            ),
        );
    }
    site.build_pdf_ok(&[]);
    for n in 1..=9 {
        let path = format!("resources/log-{n}/log-{n}.pdf");
        let doc = site.pdf(&path);
        let words = text(&doc);
        assert!(words.contains(&format!("Word{n}")), "{path}: {words}");
        assert!(words.contains(&format!("Log {n}")), "{path}");
        let inner_links = doc
            .get_pages()
            .into_values()
            .flat_map(|page| doc.get_page_annotations(page).unwrap_or_default())
            .filter(|annotation| annotation.has(b"Dest"))
            .count();
        assert!(
            inner_links >= 1,
            "{path}: the link to its notes is not a link inside the PDF"
        );
        // A picture that did not load is printed as its alt text.
        assert!(
            !words.contains("A dot"),
            "{path}: its picture is missing: {words}"
        );
    }
}

/// The addresses of a PDF's links that leave it.
fn link_addresses(doc: &Document) -> Vec<String> {
    doc.get_pages()
        .into_values()
        .flat_map(|page| doc.get_page_annotations(page).unwrap_or_default())
        .filter_map(|annotation| {
            let action = annotation.get_deref(b"A", doc).ok()?.as_dict().ok()?;
            let uri = action.get_deref(b"URI", doc).ok()?.as_str().ok()?;
            Some(String::from_utf8_lossy(uri).into_owned())
        })
        .collect()
}

#[test]
fn a_pdfs_links_to_the_sites_pages_go_to_the_published_site_not_the_build_folder() {
    if !browser_or_skip() {
        return;
    }
    let body = "See [how to prepare](../guide/prepare.md), [the home page](../_index.md) \
                and [GOV.UK](https://www.gov.uk/).\n";
    let published = agreement(body);
    published.write(
        "site.yaml",
        "title: Test pack\norganisation: Test Council\nbase_url: https://council.example/pack/\n",
    );
    published.page("guide/prepare.md", "title: Prepare", "Get ready.");
    published.build_pdf_ok(&[]);
    let links = link_addresses(&published.pdf("resources/agreement/agreement.pdf"));
    for expected in [
        "https://council.example/pack/guide/prepare/",
        "https://council.example/pack/",
        "https://www.gov.uk/",
    ] {
        assert!(links.iter().any(|l| l == expected), "{expected}: {links:?}");
    }
    assert!(links.iter().all(|l| !l.starts_with("file:")), "{links:?}");

    // Without base_url, relative to the PDF, as its web page has them.
    let unpublished = agreement(body);
    unpublished.page("guide/prepare.md", "title: Prepare", "Get ready.");
    unpublished.build_pdf_ok(&[]);
    let links = link_addresses(&unpublished.pdf("resources/agreement/agreement.pdf"));
    for expected in ["../../guide/prepare/", "../../", "https://www.gov.uk/"] {
        assert!(links.iter().any(|l| l == expected), "{expected}: {links:?}");
    }
    assert!(links.iter().all(|l| !l.starts_with("file:")), "{links:?}");
}

#[test]
fn script_dialogs_do_not_stop_printing() {
    if !browser_or_skip() {
        return;
    }
    let site = scripted_agreement(
        "Dialogword.\n\n\
         <script>alert(1); confirm('Sure?'); prompt('Name?');</script>\n\n\
         Laterword.\n",
    );
    let started = std::time::Instant::now();
    site.build_pdf_ok(&[]);
    let text = text(&site.pdf("resources/agreement/agreement.pdf"));
    positions(&text, &["Dialogword", "Laterword"]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(50),
        "printing waited on the dialogs for {:?}",
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------
// The browser ends with signpost

/// A page that never finishes loading, so that printing is under way for
/// as long as a test needs.
fn never_loading() -> TestSite {
    scripted_agreement("Stuck.\n\n<script>for (;;) {}</script>\n")
}

/// Starts `signpost build --pdf` with its temporary folder in `temp`.
fn start_build(site: &TestSite, temp: &std::path::Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["build", "--pdf", "--browser"])
        .arg(find_browser().unwrap())
        .arg("--root")
        .arg(site.root())
        .env("TMPDIR", temp)
        .env_remove("RUST_BACKTRACE")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("signpost runs")
}

/// The browser profile folders in `temp`.
fn profiles(temp: &std::path::Path) -> Vec<PathBuf> {
    std::fs::read_dir(temp)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("signpost-chromium-")
        })
        .collect()
}

/// The names of everything in `temp`.
fn left_in(temp: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(temp)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// The ids of the running processes with `profile` in their command line.
fn processes_using(profile: &std::path::Path) -> Vec<u32> {
    let needle = profile.to_string_lossy().into_owned();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let pid = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let line = std::fs::read(entry.path().join("cmdline")).ok()?;
            String::from_utf8_lossy(&line)
                .contains(&needle)
                .then_some(pid)
        })
        .collect()
}

/// Waits until the build's browser runs, and returns its profile folder.
fn wait_for_browser(build: &mut std::process::Child, temp: &std::path::Path) -> PathBuf {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        assert!(
            build.try_wait().unwrap().is_none(),
            "the build ended before its browser started"
        );
        if let Some(profile) = profiles(temp).pop() {
            if processes_using(&profile).len() >= 3 {
                // Let it get on with the page.
                std::thread::sleep(std::time::Duration::from_secs(1));
                return profile;
            }
        }
        assert!(std::time::Instant::now() < deadline, "no browser started");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// Waits a few seconds for the processes using `profile` to go, and
/// panics with those left.
fn assert_browser_gone(profile: &std::path::Path) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !processes_using(profile).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(processes_using(profile), Vec::<u32>::new(), "left running");
}

/// Sends `signal` (`libc::SIGTERM`, …) to a process.
fn send(signal: i32, pid: u32) {
    // SAFETY: kill has no memory effects.
    let sent = unsafe { libc::kill(pid as i32, signal) };
    assert_eq!(sent, 0, "signal {signal} to {pid}");
}

#[test]
fn sigterm_while_printing_ends_the_browser_and_removes_its_profile() {
    if !browser_or_skip() {
        return;
    }
    let site = never_loading();
    let temp = tempfile::tempdir().unwrap();
    let mut build = start_build(&site, temp.path());
    let profile = wait_for_browser(&mut build, temp.path());
    send(libc::SIGTERM, build.id());
    let status = build.wait().unwrap();
    assert_eq!(status.code(), Some(143), "{status}");
    assert_browser_gone(&profile);
    assert!(!profile.exists(), "{} was left", profile.display());
    assert_eq!(left_in(temp.path()), Vec::<String>::new());
}

#[test]
fn sigint_while_printing_ends_the_browser_and_removes_its_profile() {
    if !browser_or_skip() {
        return;
    }
    let site = never_loading();
    let temp = tempfile::tempdir().unwrap();
    let mut build = start_build(&site, temp.path());
    let profile = wait_for_browser(&mut build, temp.path());
    send(libc::SIGINT, build.id());
    let status = build.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status}");
    assert_browser_gone(&profile);
    assert!(!profile.exists(), "{} was left", profile.display());
}

#[test]
fn the_next_build_cleans_up_after_a_killed_one() {
    if !browser_or_skip() {
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let stuck = never_loading();
    let mut build = start_build(&stuck, temp.path());
    let profile = wait_for_browser(&mut build, temp.path());
    send(libc::SIGKILL, build.id());
    build.wait().unwrap();
    assert!(profile.exists(), "SIGKILL cannot have removed the profile");

    let site = agreement("Sign here.");
    let mut next = start_build(&site, temp.path());
    let finished = next.wait().unwrap();
    assert!(finished.success(), "the next build failed");
    assert!(site.exists("resources/agreement/agreement.pdf"));
    assert_browser_gone(&profile);
    assert_eq!(left_in(temp.path()), Vec::<String>::new());
}

#[test]
fn a_build_with_pdfs_leaves_nothing_in_the_temporary_folder() {
    if !browser_or_skip() {
        return;
    }
    let site = agreement("Sign here.");
    let temp = tempfile::tempdir().unwrap();
    let finished = start_build(&site, temp.path()).wait().unwrap();
    assert!(finished.success(), "the build failed");
    assert!(site.exists("resources/agreement/agreement.pdf"));
    assert_eq!(left_in(temp.path()), Vec::<String>::new());
}

// ---------------------------------------------------------------------------
// A browser that does not work (these need none)

/// Builds with `--pdf --browser PATH` and returns what it said, checking
/// that it failed without debug text and left the output as it was.
fn build_with_broken_browser(browser: &str) -> String {
    let site = agreement("Sign here.");
    site.build_ok(&[]);
    let before = all_files(&site);
    let stderr = site.build_fails(&["--pdf", "--browser", browser]);
    for debug in ["ExitStatus", "unix_wait_status", "Os {", "Error {", "Some("] {
        assert!(!stderr.contains(debug), "{stderr}");
    }
    assert!(all_files(&site) == before, "public/ changed");
    stderr
}

#[test]
fn a_program_that_is_not_a_browser_is_named_in_plain_words() {
    let stderr = build_with_broken_browser("/bin/false");
    assert!(
        stderr.contains("the browser /bin/false exited with status 1 before it was ready"),
        "{stderr}"
    );
}

#[test]
fn a_file_that_is_not_a_program_is_named_in_plain_words() {
    let folder = tempfile::tempdir().unwrap();
    let not_a_program = folder.path().join("chrome.txt");
    std::fs::write(&not_a_program, "not a program").unwrap();
    let stderr = build_with_broken_browser(not_a_program.to_str().unwrap());
    let expected = format!(
        "the browser {} could not be started: permission denied",
        not_a_program.display()
    );
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn a_browser_that_fails_to_start_shows_what_it_said() {
    let folder = tempfile::tempdir().unwrap();
    let fake = folder.path().join("chrome");
    std::fs::write(
        &fake,
        "#!/bin/sh\necho 'error while loading shared libraries: libnss3.so' >&2\nexit 127\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = build_with_broken_browser(fake.to_str().unwrap());
    let expected = format!(
        "the browser {} exited with status 127 before it was ready: \
         error while loading shared libraries: libnss3.so",
        fake.display()
    );
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn a_page_that_never_finishes_is_named_with_the_time_limit() {
    if !browser_or_skip() {
        return;
    }
    let site = never_loading();
    site.build_ok(&[]);
    let before = all_files(&site);
    let browser = find_browser().unwrap();
    let stderr = site.build_fails(&["--pdf", "--browser", browser.to_str().unwrap()]);
    assert!(
        stderr.contains(
            "error: printing content/resources/agreement.md took longer than 60 seconds\n  \
             --> content/resources/agreement.md"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("Request timed out"), "{stderr}");
    assert!(all_files(&site) == before, "public/ changed");
}

// ---------------------------------------------------------------------------
// The example pack

#[test]
fn the_example_pack_prints_every_printable_page_tagged() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::example();
    site.build_pdf_ok(&[]);
    let audiences = ["professional", "carer", "easy-read"];
    let printable = ["contract", "log", "poster", "activity"];
    let mut kinds_seen = BTreeSet::new();
    let mut expected = Vec::new();
    for (path, bytes) in all_files(&site) {
        let html = String::from_utf8_lossy(&bytes);
        let Some(class) = html.split("<body class=\"").nth(1) else {
            continue;
        };
        let classes: Vec<&str> = class[..class.find('"').unwrap()].split(' ').collect();
        let Some(kind) = printable
            .into_iter()
            .find(|kind| classes.contains(&format!("kind-{kind}").as_str()))
        else {
            continue;
        };
        if classes.contains(&"is-section") {
            continue;
        }
        kinds_seen.insert(kind);
        let audience = audiences
            .into_iter()
            .find(|a| classes.contains(&format!("audience-{a}").as_str()))
            .unwrap_or_else(|| panic!("{}: no audience in {classes:?}", path.display()));
        let folder = path.parent().unwrap();
        let stem = folder.file_name().unwrap().to_string_lossy();
        let mut suffix = if audience == "professional" {
            String::new()
        } else {
            format!("-{audience}")
        };
        // A page in Welsh prints as NAME-cy.pdf (or NAME-AUDIENCE-cy.pdf).
        if html.contains("<html lang=\"cy\"") {
            suffix.push_str("-cy");
        }
        expected.push(folder.join(format!("{stem}{suffix}.pdf")));
    }
    assert_eq!(kinds_seen, BTreeSet::from(printable), "{expected:?}");
    for path in &expected {
        assert!(
            site.output("").join(path).is_file(),
            "{} is missing",
            path.display()
        );
    }
    // The whole guide prints as one PDF for each audience and language.
    for guide in [
        "guide/guide.pdf",
        "easy-read/guide/guide-easy-read.pdf",
        "cy/guide/guide-cy.pdf",
    ] {
        let sheets = site.pdf(guide).get_pages().len();
        // The Welsh guide has one stage in Welsh so far, so it is shorter;
        // a section's pages run on one after another, not a sheet each.
        assert!(sheets >= 4, "{guide} has only {sheets} pages");
    }
    let trees: Vec<&PathBuf> = expected
        .iter()
        .filter(|p| p.to_string_lossy().contains("tree-of-life"))
        .collect();
    // The professionals' and the easy-read one: the pack shows carers no
    // page not written for them (`fallback: false`), the Tree of Life included.
    assert_eq!(trees.len(), 2, "{trees:?}");
    // The Tree of Life is landscape: its drawing's sheet is, and the
    // sheets of words around it are upright A4.
    for tree in trees {
        let sizes = sheet_sizes_mm(&site.pdf(&tree.to_string_lossy()));
        let landscape = sizes
            .iter()
            .filter(|&&(w, h)| (w - 297.0).abs() < 1.0 && (h - 210.0).abs() < 1.0)
            .count();
        let upright = sizes
            .iter()
            .filter(|&&(w, h)| (w - 210.0).abs() < 1.0 && (h - 297.0).abs() < 1.0)
            .count();
        assert!(
            landscape == 1 && upright == sizes.len() - 1,
            "{}: {sizes:?}",
            tree.display()
        );
    }
    for path in all_pdfs(&site) {
        assert!(is_tagged(&site.pdf(&path)), "{path} is not tagged");
    }
}
