//! Fillable PDFs (docs/pdf.md, "Filling in a PDF on screen"): every
//! fill-in field of a printed page is a form field of its PDF, over its
//! ruled space, named after its label, in the page's order, and the PDF
//! still prints blank and stays tagged.
//!
//! Printing needs Chromium; without it these tests print "skipped: …" and
//! pass, unless CI is set (see harness/browser.rs).

use crate::harness::browser::browser_or_skip;
use crate::harness::TestSite;
use lopdf::{decode_text_string, text_string, Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::Command;

/// How far (in points) a field may be from where it is looked for: a
/// label's box and the field's come from different boxes of the layout.
const SLACK: f32 = 3.0;

/// How far (in points) below its label a field's top may start.
const BELOW: f32 = 40.0;

/// A form field of a PDF, as a reader sees it.
#[derive(Debug, Clone)]
struct FormField {
    /// Its name (`/T`).
    name: String,
    /// Its tooltip (`/TU`), what a screen reader says.
    tooltip: String,
    /// `/Tx` or `/Btn`.
    kind: String,
    /// Its field flags (`/Ff`).
    flags: i64,
    /// At most how many characters it takes (`/MaxLen`).
    max_len: Option<i64>,
    /// Its page, from 1.
    page: u32,
    /// Its rectangle: left, bottom, right, top (PDF points, from the
    /// bottom of the page).
    rect: [f32; 4],
}

/// A word that `pdftotext -bbox` found, with its box (from the top of the
/// page).
#[derive(Debug, Clone)]
struct Word {
    text: String,
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
}

/// A text string entry of `dict`.
fn text(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    decode_text_string(dict.get_deref(key, doc).ok()?).ok()
}

/// The form's fields, in the order of the form's `/Fields`.
fn form_fields(doc: &Document) -> Vec<FormField> {
    let pages: BTreeMap<ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let Ok(form) = doc.catalog().unwrap().get_deref(b"AcroForm", doc) else {
        return Vec::new();
    };
    let form = form.as_dict().expect("/AcroForm is a dictionary");
    form.get_deref(b"Fields", doc)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|field| {
            let field = doc.dereference(field).unwrap().1.as_dict().unwrap();
            let rect: Vec<f32> = field
                .get_deref(b"Rect", doc)
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_float().unwrap())
                .collect();
            let page = field.get(b"P").unwrap().as_reference().unwrap();
            FormField {
                name: text(doc, field, b"T").expect("a field has a name"),
                tooltip: text(doc, field, b"TU").expect("a field has a tooltip"),
                kind: String::from_utf8_lossy(field.get(b"FT").unwrap().as_name().unwrap())
                    .into_owned(),
                flags: field.get(b"Ff").and_then(Object::as_i64).unwrap_or(0),
                max_len: field.get(b"MaxLen").and_then(Object::as_i64).ok(),
                page: pages[&page],
                rect: [rect[0], rect[1], rect[2], rect[3]],
            }
        })
        .collect()
}

/// Each page's height and words, from `pdftotext -bbox`.
fn words_by_page(pdf: &Path) -> Vec<(f32, Vec<Word>)> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    let html = String::from_utf8_lossy(&out.stdout);
    let number = |tag: &str, name: &str| -> f32 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let height = number(page.split('>').next().unwrap(), "height");
        let words = page
            .split("<word ")
            .skip(1)
            .map(|word| {
                let (tag, rest) = word.split_once('>').unwrap();
                let text = rest.split("</word>").next().unwrap();
                Word {
                    text: text
                        .replace("&apos;", "'")
                        .replace("&quot;", "\"")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&"),
                    left: number(tag, "xMin"),
                    top: number(tag, "yMin"),
                    right: number(tag, "xMax"),
                    bottom: number(tag, "yMax"),
                }
            })
            .collect();
        pages.push((height, words));
    }
    pages
}

/// Every run of `words` that reads `label`, as one box.
fn label_boxes(words: &[Word], label: &str) -> Vec<Word> {
    let wanted: Vec<&str> = label.split_whitespace().collect();
    (0..words.len())
        .filter(|&i| {
            wanted.len() <= words.len() - i
                && wanted
                    .iter()
                    .zip(&words[i..])
                    .all(|(w, word)| *w == word.text)
        })
        .map(|i| {
            let run = &words[i..i + wanted.len()];
            Word {
                text: label.to_string(),
                left: run.iter().map(|w| w.left).fold(f32::MAX, f32::min),
                top: run.iter().map(|w| w.top).fold(f32::MAX, f32::min),
                right: run.iter().map(|w| w.right).fold(f32::MIN, f32::max),
                bottom: run.iter().map(|w| w.bottom).fold(f32::MIN, f32::max),
            }
        })
        .collect()
}

/// Panics unless each field is on a page, inside its MediaBox, with the
/// words of its label next to it: a tick box's label to its right, any
/// other field's label (a date's Day, Month or Year) just above it, or
/// just before it on its line.
fn assert_fields_sit_by_their_labels(doc: &Document, pdf: &Path, fields: &[FormField]) {
    let pages = words_by_page(pdf);
    let page_ids = doc.get_pages();
    for field in fields {
        let page = doc.get_dictionary(page_ids[&field.page]).unwrap();
        let media: Vec<f32> = page
            .get_deref(b"MediaBox", doc)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_float().unwrap())
            .collect();
        let [left, bottom, right, top] = field.rect;
        assert!(
            left >= media[0] && bottom >= media[1] && right <= media[2] && top <= media[3],
            "{field:?} is not inside the page's MediaBox {media:?}"
        );
        assert!(
            right - left > 5.0 && top - bottom > 5.0,
            "{field:?} is too small to fill in"
        );
        let (height, words) = &pages[field.page as usize - 1];
        // From the top of the page, as pdftotext measures.
        let (top, bottom) = (height - top, height - bottom);
        // A date's box is labelled with its part (Day); the rest, with
        // the whole label.
        let label = match field.max_len {
            Some(_) => field.tooltip.rsplit(": ").next().unwrap(),
            None => field.tooltip.as_str(),
        };
        let candidates = label_boxes(words, label);
        let beside = |word: &Word| {
            if field.kind == "Btn" {
                let middle = (word.top + word.bottom) / 2.0;
                word.left >= right - SLACK
                    && word.left - right < 30.0
                    && middle > top - SLACK
                    && middle < bottom + SLACK
            } else {
                let above = word.bottom <= top + SLACK
                    && top - word.bottom < BELOW
                    && word.left >= left - SLACK
                    && word.left < right;
                // A field in a sentence follows its label on the line.
                let before = word.right <= left + SLACK
                    && left - word.right < 30.0
                    && word.bottom > top
                    && word.top < bottom;
                above || before
            }
        };
        assert!(
            candidates.iter().any(beside),
            "the field {:?} on page {} at {:?} (from the top: {top:.1} to {bottom:.1}) is not by its label {label:?}, found at {candidates:?}",
            field.name,
            field.page,
            field.rect
        );
    }
}

/// Panics unless the fields come in the order of the page: page by page,
/// top to bottom, and left to right along a row.
fn assert_in_page_order(fields: &[FormField]) {
    for pair in fields.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let in_order = a.page < b.page
            || (a.page == b.page
                && (b.rect[3] < a.rect[3] - SLACK
                    || ((b.rect[3] - a.rect[3]).abs() <= SLACK && b.rect[0] > a.rect[0])));
        assert!(in_order, "{a:?} comes before {b:?}");
    }
}

/// Panics unless the PDF is tagged and each widget is in a `Form`
/// structure element (through an object reference, which the parent tree
/// gives for its `/StructParent`), with no `Link` element left for it,
/// and every page with fields tabs through them in structure order.
fn assert_widgets_are_tagged_forms(doc: &Document) {
    let catalog = doc.catalog().unwrap();
    let root = catalog
        .get_deref(b"StructTreeRoot", doc)
        .expect("the PDF keeps its structure tree")
        .as_dict()
        .unwrap();
    // Every element of the structure tree, with the objects it refers to.
    let mut referred: BTreeMap<ObjectId, String> = BTreeMap::new();
    let mut stack: Vec<&Object> = vec![root.get(b"K").unwrap()];
    let mut seen = HashSet::new();
    while let Some(node) = stack.pop() {
        let (id, node) = doc.dereference(node).unwrap();
        if let Some(id) = id {
            if !seen.insert(id) {
                continue;
            }
        }
        match node {
            Object::Array(kids) => stack.extend(kids),
            Object::Dictionary(dict) => {
                // Object and marked-content references have no role.
                let Ok(role) = dict.get(b"S").and_then(Object::as_name) else {
                    continue;
                };
                let role = String::from_utf8_lossy(role).into_owned();
                let kids = match dict.get(b"K") {
                    Ok(Object::Array(kids)) => kids.clone(),
                    Ok(kid) => vec![kid.clone()],
                    Err(_) => Vec::new(),
                };
                for kid in &kids {
                    let Ok((_, Object::Dictionary(kid))) = doc.dereference(kid) else {
                        continue;
                    };
                    if kid.get(b"Type").and_then(Object::as_name).ok() == Some(b"OBJR") {
                        referred.insert(
                            kid.get(b"Obj").unwrap().as_reference().unwrap(),
                            role.clone(),
                        );
                    }
                }
                stack.extend(dict.get(b"K").ok());
            }
            _ => {}
        }
    }
    let parent_tree = root
        .get_deref(b"ParentTree", doc)
        .unwrap()
        .as_dict()
        .unwrap();
    let nums = parent_tree.get(b"Nums").unwrap().as_array().unwrap();
    for (_, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).unwrap();
        let Ok(annots) = page.get_deref(b"Annots", doc).and_then(Object::as_array) else {
            continue;
        };
        let mut widgets = 0;
        for annot in annots {
            let id = annot.as_reference().unwrap();
            let annot = doc.get_dictionary(id).unwrap();
            if annot.get(b"Subtype").unwrap().as_name().unwrap() != b"Widget" {
                let uri = annot
                    .get_deref(b"A", doc)
                    .and_then(Object::as_dict)
                    .and_then(|a| a.get(b"URI"))
                    .map(|u| String::from_utf8_lossy(u.as_str().unwrap()).into_owned())
                    .unwrap_or_default();
                assert!(!uri.contains("signpost-field="), "a marker was left: {uri}");
                continue;
            }
            widgets += 1;
            assert_eq!(
                referred.get(&id).map(String::as_str),
                Some("Form"),
                "widget {id:?} is not in a Form structure element"
            );
            let key = annot.get(b"StructParent").unwrap().as_i64().unwrap();
            let element = nums
                .chunks(2)
                .find(|pair| pair[0].as_i64().unwrap() == key)
                .map(|pair| doc.dereference(&pair[1]).unwrap().1.as_dict().unwrap())
                .expect("the parent tree has the widget's key");
            assert_eq!(element.get(b"S").unwrap().as_name().unwrap(), b"Form");
        }
        if widgets > 0 {
            assert_eq!(page.get(b"Tabs").unwrap().as_name().unwrap(), b"S");
        }
    }
}

/// Panics unless a reader would draw what is typed and the form's fields
/// print nothing of their own: no border, no background.
fn assert_prints_blank(doc: &Document) {
    let form = doc
        .catalog()
        .unwrap()
        .get_deref(b"AcroForm", doc)
        .unwrap()
        .as_dict()
        .unwrap();
    assert!(form.get(b"NeedAppearances").unwrap().as_bool().unwrap());
    for field in form.get(b"Fields").unwrap().as_array().unwrap() {
        let field = doc.dereference(field).unwrap().1.as_dict().unwrap();
        let mk = field.get_deref(b"MK", doc).unwrap().as_dict().unwrap();
        assert!(
            !mk.has(b"BC") && !mk.has(b"BG"),
            "{field:?} has a border or a background"
        );
    }
}

/// The labels of the fill-in shortcodes of a Markdown page, by shortcode.
fn shortcode_labels(markdown: &str) -> Vec<(String, String)> {
    markdown
        .split("{{")
        .skip(1)
        .filter_map(|call| {
            let name = call.trim_start().split('(').next()?.trim().to_string();
            let label = call
                .split("label=\"")
                .nth(1)?
                .split('"')
                .next()?
                .to_string();
            Some((name, label))
        })
        .collect()
}

/// Checks every form-field promise for the PDF at `path` of `site`, which
/// was printed from `markdown`; gives back its fields.
fn assert_fillable(site: &TestSite, path: &str, markdown: &str) -> Vec<FormField> {
    let doc = site.pdf(path);
    let fields = form_fields(&doc);
    let labels = shortcode_labels(markdown);
    let expected: usize = labels
        .iter()
        .map(|(name, _)| match name.as_str() {
            "date" => 3,
            "signature" => 4,
            _ => 1,
        })
        .sum();
    assert_eq!(fields.len(), expected, "{path}: {fields:#?}");
    for (name, label) in &labels {
        let field = fields
            .iter()
            .find(|f| f.tooltip == *label || f.tooltip.starts_with(&format!("{label}: ")))
            .unwrap_or_else(|| panic!("{path}: no field for {label:?} in {fields:#?}"));
        match name.as_str() {
            "checkbox" => assert_eq!(field.kind, "Btn", "{label}"),
            "date" => assert_eq!((field.kind.as_str(), field.max_len), ("Tx", Some(2))),
            _ => assert_eq!(field.kind, "Tx", "{label}"),
        }
    }
    let names: HashSet<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names.len(), fields.len(), "{path}: names repeat");
    for field in &fields {
        assert!(!field.name.contains('.'), "{field:?}");
    }
    assert_fields_sit_by_their_labels(&doc, &site.output(path), &fields);
    assert_in_page_order(&fields);
    assert_widgets_are_tagged_forms(&doc);
    assert_prints_blank(&doc);
    fields
}

/// The text pdftotext reads from a PDF.
fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// ---------------------------------------------------------------------------

/// A contract with every kind of field, in a row and in a sentence, with
/// repeated labels and a label with a full stop and Welsh letters.
const EVERY_FIELD: &str = "\
{{ field(label=\"Full name\") }}

{{ field(label=\"What we agreed\", lines=4) }}

{{ date(label=\"Start date\") }}

We meet on {{ date(label=\"Meeting day\") }} at {{ field(label=\"Place\") }} each month.

{{ checkbox(label=\"I agree\") }}

Tick {{ checkbox(label=\"Read it\") }} when done.

{{ field(label=\"Enw'r mentor, Dr. Siân Llŷr\") }}

{{ signature(label=\"Signed\") }}

{{ signature(label=\"Signed\") }}
";

/// A site whose agreement has [`EVERY_FIELD`], built with its PDFs.
fn every_field_agreement() -> TestSite {
    let site = TestSite::new();
    site.page(
        "resources/agreement.md",
        "title: Agreement\nkind: contract",
        EVERY_FIELD,
    );
    site.build_pdf_ok(&[]);
    site
}

#[test]
fn every_kind_of_field_is_a_form_field_over_its_ruled_space() {
    if !browser_or_skip() {
        return;
    }
    let site = every_field_agreement();
    let path = "resources/agreement/agreement.pdf";
    let fields = assert_fillable(&site, path, EVERY_FIELD);
    let by_name = |name: &str| {
        fields
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no field {name:?} in {fields:#?}"))
    };
    // Several lines take several lines; one line does not.
    assert_eq!(by_name("What we agreed").flags & 4096, 4096);
    assert_eq!(by_name("Full name").flags & 4096, 0);
    assert!(by_name("What we agreed").rect[3] - by_name("What we agreed").rect[1] > 80.0);
    // A date is Day, Month and Year, as printed; a year takes four digits.
    assert_eq!(by_name("Start date: Day").max_len, Some(2));
    assert_eq!(by_name("Start date: Month").max_len, Some(2));
    assert_eq!(by_name("Start date: Year").max_len, Some(4));
    // The same label twice: two names, the same tooltip.
    assert_eq!(by_name("Signed 2").tooltip, "Signed");
    assert_eq!(
        by_name("Date for Signed: Day 2").tooltip,
        "Date for Signed: Day"
    );
    // A full stop would split a name into parts; the tooltip keeps it.
    assert_eq!(
        by_name("Enw'r mentor, Dr  Siân Llŷr").tooltip,
        "Enw'r mentor, Dr. Siân Llŷr"
    );
    assert_eq!(by_name("Read it").kind, "Btn");

    // The web page keeps its controls; the links that mark the fields
    // are hidden there, one over each control.
    let html = site.read("resources/agreement/index.html");
    let spots: Vec<&str> = html.split("<a class=\"field-spot\"").skip(1).collect();
    assert_eq!(spots.len(), fields.len());
    for spot in spots {
        assert!(
            spot.starts_with(" hidden href=\"?signpost-field="),
            "{spot}"
        );
    }
    assert!(html.contains("<input type=\"text\" id=\"field_full-name\""));
}

#[test]
fn a_filled_in_pdf_keeps_what_was_typed_and_a_blank_one_prints_its_labels() {
    if !browser_or_skip() {
        return;
    }
    let site = every_field_agreement();
    let path = "resources/agreement/agreement.pdf";
    let blank = pdftotext(&site.output(path));
    for label in [
        "Full name",
        "What we agreed",
        "Start date",
        "I agree",
        "Signed",
    ] {
        assert!(blank.contains(label), "{label:?} is not printed:\n{blank}");
    }

    // Fill in "Full name" and tick "I agree", as a reader would, and save.
    let mut doc = site.pdf(path);
    let form = doc
        .catalog()
        .unwrap()
        .get(b"AcroForm")
        .unwrap()
        .as_reference()
        .unwrap();
    let fields: Vec<ObjectId> = doc
        .get_dictionary(form)
        .unwrap()
        .get(b"Fields")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_reference().unwrap())
        .collect();
    let named = |doc: &Document, name: &str| {
        *fields
            .iter()
            .find(|&&id| text(doc, doc.get_dictionary(id).unwrap(), b"T").as_deref() == Some(name))
            .unwrap()
    };
    let name_field = named(&doc, "Full name");
    let tick_field = named(&doc, "I agree");
    doc.get_dictionary_mut(name_field)
        .unwrap()
        .set("V", text_string("Alex Example"));
    let tick = doc.get_dictionary_mut(tick_field).unwrap();
    tick.set("V", Object::Name(b"Yes".to_vec()));
    tick.set("AS", Object::Name(b"Yes".to_vec()));
    let filled = site.output("filled.pdf");
    doc.save(&filled).unwrap();

    let again = Document::load(&filled).expect("the filled PDF loads");
    let value = |name: &str| {
        let id = named(&again, name);
        again.get_dictionary(id).unwrap().get(b"V").unwrap().clone()
    };
    assert_eq!(
        decode_text_string(&value("Full name")).unwrap(),
        "Alex Example"
    );
    assert_eq!(value("I agree").as_name().unwrap(), b"Yes");
    assert_eq!(
        form_fields(&again).len(),
        form_fields(&site.pdf(path)).len()
    );
    // The tick box can be drawn ticked.
    let ap = again
        .get_dictionary(named(&again, "I agree"))
        .unwrap()
        .get_deref(b"AP", &again)
        .unwrap()
        .as_dict()
        .unwrap()
        .get_deref(b"N", &again)
        .unwrap()
        .as_dict()
        .unwrap();
    assert!(ap.has(b"Yes") && ap.has(b"Off"));
}

#[test]
fn the_example_agreement_is_fillable_in_each_audience() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::example();
    site.build_pdf_ok(&[]);
    let source = |file: &str| {
        std::fs::read_to_string(site.root().join("content/resources").join(file)).unwrap()
    };
    let professional = source("mentoring-agreement.md");
    let easy_read = source("mentoring-agreement.easy-read.md");
    for (path, markdown) in [
        (
            "resources/mentoring-agreement/mentoring-agreement.pdf",
            &professional,
        ),
        (
            "easy-read/resources/mentoring-agreement/mentoring-agreement-easy-read.pdf",
            &easy_read,
        ),
        (
            "cy/resources/mentoring-agreement/mentoring-agreement-cy.pdf",
            &source("mentoring-agreement.cy.md"),
        ),
    ] {
        let fields = assert_fillable(&site, path, markdown);
        assert!(fields.iter().any(|f| f.kind == "Btn"), "{path}");
        assert!(fields.iter().any(|f| f.flags & 4096 != 0), "{path}");
    }
    // The pack shows carers no agreement of the pairs' to sign as theirs.
    assert!(!site.exists("carer/resources/mentoring-agreement/mentoring-agreement-carer.pdf"));
}

#[test]
fn the_tree_of_life_has_a_form_field_to_write_each_part_in() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::example();
    site.build_pdf_ok(&[]);
    let path = "resources/tree-of-life/tree-of-life.pdf";
    let doc = site.pdf(path);
    let fields = form_fields(&doc);
    let tooltips: Vec<&str> = fields.iter().map(|f| f.tooltip.as_str()).collect();
    // One box of several lines (field flag 4096) for each of the six
    // parts, named by the part and its prompt.
    assert_eq!(fields.len(), 6, "{tooltips:?}");
    assert!(
        tooltips.contains(&"Roots: Where you come from, and the people and places that shaped you"),
        "{tooltips:?}"
    );
    assert!(
        fields.iter().all(|f| f.kind == "Tx" && f.flags & 4096 != 0),
        "{fields:#?}"
    );
    assert_fields_sit_by_their_labels(&doc, &site.output(path), &fields);
    assert_widgets_are_tagged_forms(&doc);
    assert_prints_blank(&doc);
}
