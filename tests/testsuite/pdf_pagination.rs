//! How the example pack's PDFs fall onto sheets (docs/pdf.md, "Pagination"
//! and "Posters"), measured on the sheets as printed. The pack is built once
//! with `--pdf`; each PDF is read with `pdftotext -bbox` (every word with its
//! box, sheet by sheet) and, for pictures, with lopdf. Each test checks every
//! PDF and names each one that fails.
//!
//! Printing needs Chromium, and reading needs pdftotext (poppler-utils):
//! without them these tests print "skipped: …" and pass, unless the
//! environment variable CI is set: then they fail.

use crate::harness::browser::{browser_or_skip, skip_or_fail};
use crate::harness::diagnostics::find;
use crate::harness::html::{decode, text_of};
use crate::harness::tree::files;
use crate::harness::TestSite;
use lopdf::{Document, Object};
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::sync::OnceLock;

/// Points in a millimetre.
const MM: f64 = 72.0 / 25.4;

/// The top and bottom margins of a printed sheet (the theme's `@page`).
const TOP_MARGIN: f64 = 18.0 * MM;
/// See [`TOP_MARGIN`].
const BOTTOM_MARGIN: f64 = 17.0 * MM;

/// The running head and the page number are printed in the margins, within
/// this distance of the top or bottom edge; the sheet's own words start
/// lower (a poster's, with narrower margins and no running head, too).
const MARGIN_BAND: f64 = 15.5 * MM;

// ---------------------------------------------------------------------------
// Reading the sheets

/// A word on a sheet, with its box in points from the top left corner.
#[derive(Clone, Debug)]
struct Word {
    /// Top edge.
    y_min: f64,
    /// Bottom edge.
    y_max: f64,
    /// The word.
    text: String,
}

impl Word {
    /// The height of its box: about 1.13 times the font size in Liberation
    /// Sans (Arial), 1.17 in DejaVu Sans.
    fn height(&self) -> f64 {
        self.y_max - self.y_min
    }

    /// Whether it has a letter or digit (a tick box or bullet drawn as a
    /// character is not a word of text).
    fn is_text(&self) -> bool {
        self.text.chars().any(char::is_alphanumeric)
    }
}

/// One printed sheet: its size in points, and its words outside the
/// margin bands, in reading order.
#[derive(Debug)]
struct Sheet {
    /// Width.
    width: f64,
    /// Height.
    height: f64,
    /// The words of the page itself (no running head or page number).
    words: Vec<Word>,
}

impl Sheet {
    /// Whether it is wider than tall.
    fn landscape(&self) -> bool {
        self.width > self.height
    }

    /// How far down the page area its lowest word reaches, from 0 to 1.
    fn fill(&self) -> f64 {
        let lowest = self.words.iter().map(|w| w.y_max).fold(0.0, f64::max);
        ((lowest - TOP_MARGIN) / (self.height - TOP_MARGIN - BOTTOM_MARGIN)).max(0.0)
    }

    /// Its lines of text, top to bottom: words whose bottoms are within
    /// 2pt of each other (side-by-side columns share a line).
    fn lines(&self) -> Vec<Vec<&Word>> {
        let mut words: Vec<&Word> = self.words.iter().filter(|w| w.is_text()).collect();
        words.sort_by(|a, b| a.y_max.total_cmp(&b.y_max));
        let mut lines: Vec<Vec<&Word>> = Vec::new();
        for word in words {
            match lines.last_mut() {
                Some(line) if word.y_max - line[0].y_max <= 2.0 => line.push(word),
                _ => lines.push(vec![word]),
            }
        }
        lines
    }
}

/// One PDF of the pack, read.
struct Printed {
    /// Its path in the output.
    path: String,
    /// Its sheets.
    sheets: Vec<Sheet>,
    /// The HTML of the page it was printed from (for a section, the
    /// section's own page).
    html: String,
    /// The PDF itself.
    bytes: Vec<u8>,
}

impl Printed {
    /// Every word of the page, in order, with the index of its sheet.
    fn words(&self) -> Vec<(usize, &Word)> {
        self.sheets
            .iter()
            .enumerate()
            .flat_map(|(i, sheet)| sheet.words.iter().map(move |w| (i, w)))
            .collect()
    }

    /// The most common height of a word's box: the body text's.
    fn body_height(&self) -> f64 {
        let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
        for (_, word) in self.words() {
            if word.is_text() {
                *counts
                    .entry((word.height() * 2.0).round() as i64)
                    .or_default() += 1;
            }
        }
        counts
            .into_iter()
            .max_by_key(|&(_, n)| n)
            .map_or(0.0, |(h, _)| h as f64 / 2.0)
    }

    /// Whether its page is of this kind (`poster`, `contract`, …).
    fn is_kind(&self, kind: &str) -> bool {
        self.html.contains(&format!("class=\"kind-{kind} "))
    }

    /// The height of a word's box for each point of font size in its
    /// theme's body font: DejaVu Sans (the carer theme's Verdana is not
    /// installed where the tests run), else Liberation Sans (Arial).
    fn box_per_point(&self) -> f64 {
        if self.html.contains("audience-carer") {
            1.17
        } else {
            1.13
        }
    }
}

/// Decodes the character references pdftotext writes.
fn decode_xml(text: &str) -> String {
    decode(&text.replace("&apos;", "'"))
}

/// The value of `name="…"` in a tag of pdftotext's output, as a number.
fn number(tag: &str, name: &str) -> f64 {
    let start = tag
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + name.len()
        + 3;
    tag[start..start + tag[start..].find('"').unwrap()]
        .parse()
        .unwrap()
}

/// The sheets of the PDF at `path`, from `pdftotext -bbox`.
fn read_sheets(path: &std::path::Path) -> Vec<Sheet> {
    let out = Command::new("pdftotext")
        .args(["-bbox".as_ref(), path.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut sheets: Vec<Sheet> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with("<page ") {
            sheets.push(Sheet {
                width: number(line, "width"),
                height: number(line, "height"),
                words: Vec::new(),
            });
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let sheet = sheets.last_mut().expect("a word is on a page");
            let (tag, word) = rest.split_once('>').unwrap();
            let tag = format!(" {tag}");
            let word = Word {
                y_min: number(&tag, "yMin"),
                y_max: number(&tag, "yMax"),
                text: decode_xml(word.trim_end_matches("</word>")),
            };
            let in_margin = word.y_max <= MARGIN_BAND || word.y_min >= sheet.height - MARGIN_BAND;
            if !in_margin {
                sheet.words.push(word);
            }
        }
    }
    sheets
}

/// Whether pdftotext can be run.
fn pdftotext_or_skip() -> bool {
    if Command::new("pdftotext").arg("-v").output().is_ok() {
        return true;
    }
    let why = "pdftotext was not found";
    let install = "apt-get install poppler-utils";
    skip_or_fail(
        &format!("the PDFs cannot be read: {why}. Install it: {install}"),
        &format!("{why} ({install})"),
    );
    false
}

/// Every PDF of the example pack, printed once for all these tests; `None`
/// when the tools are missing (and the test is to stop).
fn pack() -> Option<&'static [Printed]> {
    static PACK: OnceLock<Vec<Printed>> = OnceLock::new();
    if !browser_or_skip() || !pdftotext_or_skip() {
        return None;
    }
    Some(PACK.get_or_init(|| {
        let site = TestSite::example();
        site.build_pdf_ok(&[]);
        let printed: Vec<Printed> = files(&site.output(""))
            .into_iter()
            .filter(|(path, _)| path.extension().is_some_and(|e| e == "pdf"))
            .map(|(path, bytes)| {
                let folder = path.parent().unwrap().to_string_lossy().into_owned();
                Printed {
                    sheets: read_sheets(&site.output(&path.to_string_lossy())),
                    html: site.read(&format!("{folder}/index.html")),
                    path: path.to_string_lossy().into_owned(),
                    bytes,
                }
            })
            .collect();
        assert!(
            printed.len() > 10,
            "the pack printed {} PDFs",
            printed.len()
        );
        printed
    }))
}

/// Panics listing every problem found, if any.
#[track_caller]
fn assert_none(what: &str, problems: Vec<String>) {
    assert!(problems.is_empty(), "{what}:\n  {}", problems.join("\n  "));
}

// ---------------------------------------------------------------------------
// Every PDF

#[test]
fn no_sheet_but_the_last_is_under_a_fifth_full() {
    let Some(pack) = pack() else { return };
    let mut problems = Vec::new();
    for pdf in pack {
        let last = pdf.sheets.len().saturating_sub(1);
        for (i, sheet) in pdf.sheets.iter().enumerate().take(last) {
            if sheet.fill() < 0.2 {
                problems.push(format!(
                    "{} sheet {} of {} is {:.0}% full",
                    pdf.path,
                    i + 1,
                    pdf.sheets.len(),
                    sheet.fill() * 100.0
                ));
            }
        }
    }
    assert_none("sheets nearly empty", problems);
}

#[test]
fn the_last_sheet_holds_more_than_two_lines() {
    let Some(pack) = pack() else { return };
    let problems = pack
        .iter()
        .filter(|pdf| pdf.sheets.len() > 1)
        .filter_map(|pdf| {
            let lines = pdf.sheets.last().unwrap().lines();
            (lines.len() <= 2).then(|| {
                let words: Vec<&str> = lines.iter().flatten().map(|w| w.text.as_str()).collect();
                format!(
                    "{}: the last sheet holds only {:?}",
                    pdf.path,
                    words.join(" ")
                )
            })
        })
        .collect();
    assert_none("last sheets with a line or two", problems);
}

/// The text of every heading on every page of the output, each with its
/// words folded to single spaces.
fn all_headings(pack: &[Printed]) -> BTreeSet<String> {
    let mut headings = BTreeSet::new();
    for pdf in pack {
        for level in ["<h1", "<h2", "<h3", "<h4"] {
            for piece in pdf.html.split(level).skip(1) {
                let Some(start) = piece.find('>') else {
                    continue;
                };
                let Some(end) = piece.find(&format!("</{}", &level[1..])) else {
                    continue;
                };
                headings.insert(text_of(&piece[start + 1..end]));
            }
        }
    }
    headings
}

#[test]
fn no_sheet_ends_with_a_heading() {
    let Some(pack) = pack() else { return };
    // Headings of the pages a section prints are on those pages, so every
    // page's headings are gathered.
    let headings = all_headings(pack);
    let mut problems = Vec::new();
    for pdf in pack {
        let body = pdf.body_height();
        for (i, sheet) in pdf.sheets.iter().enumerate() {
            let lines = sheet.lines();
            let Some(last) = lines.last() else { continue };
            let text: Vec<&str> = last.iter().map(|w| w.text.as_str()).collect();
            let text = text.join(" ");
            // Larger than the body, and the end of one of the page's headings.
            let larger = last.iter().all(|w| w.height() > body * 1.1);
            let ends_a_heading = headings.iter().any(|h| h.ends_with(&text));
            if larger && ends_a_heading {
                problems.push(format!("{} sheet {} ends with {text:?}", pdf.path, i + 1));
            }
        }
    }
    assert_none("headings last on a sheet", problems);
}

/// The whole `<div class="signing">` element in `html`, inner elements
/// included, if there is one.
fn signing_part(html: &str) -> Option<&str> {
    let start = html.find("<div class=\"signing\">")?;
    let mut depth = 0;
    let mut at = start;
    loop {
        let next_open = html[at + 1..].find("<div").map(|i| i + at + 1);
        let next_close = html[at + 1..].find("</div>").map(|i| i + at + 1)?;
        match next_open {
            Some(open) if open < next_close => {
                depth += 1;
                at = open;
            }
            _ if depth == 0 => return Some(&html[start..next_close + 6]),
            _ => {
                depth -= 1;
                at = next_close;
            }
        }
    }
}

/// `html` without what is only for screen readers.
fn without_hidden(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<span class=\"visually-hidden\">") {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        rest = &rest[rest.find("</span>").map_or(rest.len(), |e| e + 7)..];
    }
    out.push_str(rest);
    out
}

/// The sheets that `wanted` is printed on: its words are found in order
/// among the PDF's, with at most a few others between two of them; `None`
/// if they are not there.
fn sheets_holding(pdf: &Printed, wanted: &[&str]) -> Option<BTreeSet<usize>> {
    let words = pdf.words();
    (0..words.len())
        .filter(|&i| words[i].1.text == wanted[0])
        .find_map(|start| {
            let mut sheets = BTreeSet::from([words[start].0]);
            let mut at = start;
            for want in &wanted[1..] {
                let found =
                    (at + 1..(at + 5).min(words.len())).find(|&k| words[k].1.text == *want)?;
                sheets.insert(words[found].0);
                at = found;
            }
            Some(sheets)
        })
}

/// The sheets that the words of `wanted` are printed on, in whatever
/// order (a signature and its date sit side by side on paper, so the
/// PDF's reading order is not the page's): the sheet its first words begin
/// on, and the next sheet if that one lacks any of the words; `None` if
/// they are not all there.
fn sheets_holding_all(pdf: &Printed, wanted: &[&str]) -> Option<BTreeSet<usize>> {
    let opening = &wanted[..wanted.len().min(3)];
    let first = sheets_holding(pdf, opening)?.into_iter().next()?;
    let mut missing: BTreeMap<&str, usize> = BTreeMap::new();
    for word in wanted {
        *missing.entry(word).or_default() += 1;
    }
    let mut sheets = BTreeSet::new();
    for sheet in first..pdf.sheets.len().min(first + 2) {
        let before = missing.values().sum::<usize>();
        for word in &pdf.sheets[sheet].words {
            if let Some(left) = missing.get_mut(word.text.as_str()).filter(|n| **n > 0) {
                *left -= 1;
            }
        }
        if missing.values().sum::<usize>() < before {
            sheets.insert(sheet);
        }
        if missing.values().all(|n| *n == 0) {
            return Some(sheets);
        }
    }
    None
}

#[test]
fn the_signing_part_of_a_form_is_on_one_sheet() {
    let Some(pack) = pack() else { return };
    let mut problems = Vec::new();
    let mut checked = 0;
    for pdf in pack {
        let Some(part) = signing_part(&pdf.html) else {
            continue;
        };
        checked += 1;
        let text = text_of(&without_hidden(part));
        let wanted: Vec<&str> = text.split_whitespace().collect();
        match sheets_holding_all(pdf, &wanted) {
            None => problems.push(format!(
                "{}: the signing part {text:?} is not in the PDF",
                pdf.path
            )),
            Some(sheets) if sheets.len() > 1 => problems.push(format!(
                "{}: the signing part is split over sheets {:?}",
                pdf.path,
                sheets.iter().map(|s| s + 1).collect::<Vec<_>>()
            )),
            Some(_) => {}
        }
    }
    assert!(checked >= 7, "only {checked} PDFs have a signing part");
    assert_none("signing parts split", problems);
}

#[test]
fn each_sheet_is_upright_but_the_tree_of_life_drawing() {
    let Some(pack) = pack() else { return };
    let mut problems = Vec::new();
    let mut trees = 0;
    for pdf in pack {
        let landscape: Vec<usize> = (0..pdf.sheets.len())
            .filter(|&i| pdf.sheets[i].landscape())
            .collect();
        if !pdf.html.contains("class=\"tree-of-life\"") {
            if !landscape.is_empty() {
                problems.push(format!("{}: landscape sheets {landscape:?}", pdf.path));
            }
            continue;
        }
        trees += 1;
        // One landscape sheet, after the instructions, holding the drawing
        // (its caption is the last thing on it).
        let caption = crate::harness::html::between(&pdf.html, "<figcaption>", "</figcaption>");
        let caption = text_of(caption);
        let wanted: Vec<&str> = caption.split_whitespace().collect();
        let on = sheets_holding(pdf, &wanted);
        let expected =
            landscape.len() == 1 && landscape[0] > 0 && on == Some(BTreeSet::from([landscape[0]]));
        if !expected {
            problems.push(format!(
                "{}: landscape sheets {landscape:?} of {}; the drawing's caption is on {on:?}",
                pdf.path,
                pdf.sheets.len()
            ));
        }
    }
    // The professionals' and the easy-read one (carers are shown no page
    // not written for them).
    assert!(trees >= 2, "only {trees} Tree of Life PDFs");
    assert_none("sheets in the wrong orientation", problems);
}

// ---------------------------------------------------------------------------
// Posters

/// The contact details in the pack's site.yaml: email and phone.
fn contact_details() -> (String, String) {
    let yaml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/site.yaml")).unwrap();
    let site: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
    let field = |name: &str| site["contact"][name].as_str().unwrap().to_string();
    (field("email"), field("phone"))
}

#[test]
fn a_poster_is_one_sheet_of_large_type_with_the_contact_details_once() {
    let Some(pack) = pack() else { return };
    let (email, phone) = contact_details();
    let mut problems = Vec::new();
    let posters: Vec<&Printed> = pack.iter().filter(|p| p.is_kind("poster")).collect();
    assert!(posters.len() >= 3, "only {} posters", posters.len());
    for pdf in posters {
        if pdf.sheets.len() != 1 {
            problems.push(format!("{}: {} sheets", pdf.path, pdf.sheets.len()));
        }
        let points = |height: f64| height / pdf.box_per_point();
        let body = points(pdf.body_height());
        let headline = pdf
            .words()
            .iter()
            .map(|(_, w)| points(w.height()))
            .fold(0.0, f64::max);
        if body < 24.0 {
            problems.push(format!("{}: body text {body:.1}pt", pdf.path));
        }
        if headline < 60.0 {
            problems.push(format!("{}: headline {headline:.1}pt", pdf.path));
        }
        let printed: Vec<&str> = pdf.words().iter().map(|(_, w)| w.text.as_str()).collect();
        let printed = printed.join(" ");
        let on_screen = text_of(&pdf.html);
        for (detail, text) in [
            (&email, &printed),
            (&phone, &printed),
            (&email, &on_screen),
            (&phone, &on_screen),
        ] {
            let times = text.matches(detail.as_str()).count();
            if times != 1 {
                let place = if std::ptr::eq(text, &printed) {
                    "printed"
                } else {
                    "on screen"
                };
                problems.push(format!("{}: {detail} {place} {times} times", pdf.path));
            }
        }
    }
    assert_none("posters", problems);
}

/// A 2×3 matrix `[a b c d e f]` applied after `ctm`.
fn times(m: [f64; 6], ctm: [f64; 6]) -> [f64; 6] {
    [
        m[0] * ctm[0] + m[1] * ctm[2],
        m[0] * ctm[1] + m[1] * ctm[3],
        m[2] * ctm[0] + m[3] * ctm[2],
        m[2] * ctm[1] + m[3] * ctm[3],
        m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
        m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
    ]
}

/// The width and height in millimetres of each picture on the first sheet
/// of `bytes`. Chromium draws a picture (an SVG, as paths) clipped to its
/// box, a rectangle, and marks the drawing as a Figure: the box is the last
/// rectangle drawn before the Figure starts.
fn picture_sizes_mm(bytes: &[u8]) -> Vec<(f64, f64)> {
    let doc = Document::load_mem(bytes).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let content = doc.get_and_decode_page_content(page).unwrap();
    let numbers = |operands: &[Object]| -> Vec<f64> {
        operands
            .iter()
            .map(|o| o.as_float().unwrap_or(0.0) as f64)
            .collect()
    };
    let mut ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut saved = Vec::new();
    let mut last_box = None;
    let mut sizes = Vec::new();
    for op in content.operations {
        match op.operator.as_str() {
            "q" => saved.push(ctm),
            "Q" => ctm = saved.pop().unwrap_or(ctm),
            "cm" => {
                let n = numbers(&op.operands);
                ctm = times([n[0], n[1], n[2], n[3], n[4], n[5]], ctm);
            }
            "re" => {
                let n = numbers(&op.operands);
                let x_scale = ctm[0].hypot(ctm[1]);
                let y_scale = ctm[2].hypot(ctm[3]);
                last_box = Some((n[2].abs() * x_scale / MM, n[3].abs() * y_scale / MM));
            }
            "BDC" if op.operands.first().and_then(|o| o.as_name().ok()) == Some(b"Figure") => {
                sizes.extend(last_box);
            }
            _ => {}
        }
    }
    sizes
}

#[test]
fn easy_read_poster_pictures_are_30_to_40_mm() {
    let Some(pack) = pack() else { return };
    let mut problems = Vec::new();
    let mut pictures = 0;
    for pdf in pack
        .iter()
        .filter(|p| p.is_kind("poster") && p.html.contains("audience-easy-read"))
    {
        for (width, height) in picture_sizes_mm(&pdf.bytes) {
            pictures += 1;
            if !(30.0..=40.0).contains(&width) || !(30.0..=40.0).contains(&height) {
                problems.push(format!(
                    "{}: a picture {width:.1} × {height:.1} mm",
                    pdf.path
                ));
            }
        }
    }
    assert!(
        pictures >= 4,
        "only {pictures} pictures found on easy-read posters"
    );
    assert_none("easy-read poster pictures", problems);
}

#[test]
fn a_poster_too_long_for_one_sheet_is_warned_about_and_still_prints() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::new();
    let body: String = (1..=40)
        .map(|n| format!("Line {n} of a poster with far too much to say on one sheet.\n\n"))
        .collect();
    site.page("long.md", "title: Too long\nkind: poster", &body);
    site.page("short.md", "title: Short\nkind: poster", "Come along.\n");
    let run = site.build_pdf_ok(&[]);
    find(&run.stderr, "warning", "content/long.md", &["one sheet"]);
    assert!(
        !run.stderr.contains("content/short.md"),
        "a poster that fits is not warned about:\n{}",
        run.stderr
    );
    let pages = site.pdf("long/long.pdf").get_pages().len();
    assert!(pages > 1, "the long poster printed on {pages} sheet");
}
