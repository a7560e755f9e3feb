//! Fillable PDFs: every fill-in field of a printed page becomes a form
//! field (AcroForm) in its PDF, exactly over its ruled space.
//!
//! In print each control lies under an empty link to the page itself with
//! the query `?signpost-field=KIND/NAME` (see `markdown::shortcodes`). The browser
//! prints that link as a link annotation whose rectangle is the control's
//! box, and tags it as a `Link` in the structure tree. Here each such
//! annotation is replaced, in place (the same object, so the page's
//! annotation list and the structure tree's parent tree still point at
//! it), by a form field's widget with the same rectangle; its `Link`
//! structure element goes, and the widget joins the `Form` element the
//! browser made for the control (or the `Link` becomes a `Form`). The
//! widgets draw nothing but what is typed: the page's own ruled lines and
//! boxes show through, so the PDF still prints blank.

use lopdf::{text_string, Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use std::collections::HashSet;

/// The start of the query of the links that mark where a field goes.
const QUERY: &str = "signpost-field=";

/// The field flag (`/Ff`) of a text field that takes several lines.
const MULTILINE: i64 = 1 << 12;

/// The annotation flag (`/F`) that prints a widget (with what is typed).
const PRINT: i64 = 1 << 2;

/// The font size of typed text, in points: the size of the printed text.
const TEXT_SIZE: u32 = 12;

/// What kind of form field goes over a control.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// One line of text.
    Text,
    /// Several lines of text.
    Lines,
    /// A tick box.
    Checkbox,
    /// Digits, at most this many (a date's day, month or year).
    Digits(i64),
}

/// A field's place marker, read from its link's address.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Spot {
    /// What kind of field it is.
    kind: Kind,
    /// What the field is called: its label, read out as its tooltip.
    label: String,
}

/// A link annotation that marks a field.
struct Marked {
    /// The annotation, which becomes the widget.
    annotation: ObjectId,
    /// The page it is on.
    page: ObjectId,
    /// Its rectangle: left, bottom, right, top, in page coordinates.
    rect: [f32; 4],
    /// What field goes there.
    spot: Spot,
}

/// Puts a form field over every field's ruled space in the printed PDF
/// `doc` (nothing changes if it has no fields); `Err` says in words why
/// the fields could not be added.
pub(crate) fn make_fillable(doc: &mut Document) -> Result<(), String> {
    let marked = marked_fields(doc);
    if marked.is_empty() {
        return Ok(());
    }
    let mut names = HashSet::new();
    let mut fields = Vec::with_capacity(marked.len());
    for mark in &marked {
        let name = unique_name(&mut names, &mark.spot.label);
        let mut widget = widget(doc, mark, &name);
        let struct_parent = doc
            .get_dictionary(mark.annotation)
            .ok()
            .and_then(|link| link.get(b"StructParent").ok())
            .and_then(|n| n.as_i64().ok());
        if let Some(n) = struct_parent {
            widget.set("StructParent", n);
            tag_as_form(doc, n);
        }
        doc.objects
            .insert(mark.annotation, Object::Dictionary(widget));
        fields.push(Object::Reference(mark.annotation));
    }
    let form = acro_form(doc, fields);
    let form = doc.add_object(form);
    doc.catalog_mut()
        .map_err(|e| format!("the printed PDF has no catalog: {e}"))?
        .set("AcroForm", form);
    Ok(())
}

/// Reads a field's place marker from a link's address (any page, with the
/// query `?signpost-field=KIND/NAME`, the name percent-encoded).
fn read_spot(uri: &[u8]) -> Option<Spot> {
    let query = std::str::from_utf8(uri).ok()?.split_once('?')?.1;
    let rest = query.split('#').next()?.strip_prefix(QUERY)?;
    let (kind, label) = rest.split_once('/')?;
    let kind = match kind {
        "text" => Kind::Text,
        "lines" => Kind::Lines,
        "checkbox" => Kind::Checkbox,
        "day" | "month" => Kind::Digits(2),
        "year" => Kind::Digits(4),
        _ => return None,
    };
    let label = percent_encoding::percent_decode_str(label)
        .decode_utf8()
        .ok()?
        .trim()
        .to_string();
    (!label.is_empty()).then_some(Spot { kind, label })
}

/// Every link annotation that marks a field, page by page, each page's
/// in the order the browser wrote them (the page's order).
fn marked_fields(doc: &Document) -> Vec<Marked> {
    let mut marked = Vec::new();
    for page in doc.get_pages().into_values() {
        let Ok(page_dict) = doc.get_dictionary(page) else {
            continue;
        };
        let annotations = page_dict
            .get(b"Annots")
            .and_then(|a| doc.dereference(a))
            .and_then(|(_, a)| a.as_array());
        for annotation in annotations.into_iter().flatten() {
            let Ok(id) = annotation.as_reference() else {
                continue;
            };
            if let Some((rect, spot)) = doc.get_dictionary(id).ok().and_then(|d| read_link(doc, d))
            {
                marked.push(Marked {
                    annotation: id,
                    page,
                    rect,
                    spot,
                });
            }
        }
    }
    marked
}

/// A link annotation's rectangle and field, if it marks one.
fn read_link(doc: &Document, link: &Dictionary) -> Option<([f32; 4], Spot)> {
    if link.get(b"Subtype").ok()?.as_name().ok()? != b"Link" {
        return None;
    }
    let action = link.get_deref(b"A", doc).ok()?.as_dict().ok()?;
    let spot = read_spot(action.get_deref(b"URI", doc).ok()?.as_str().ok()?)?;
    let numbers: Vec<f32> = link
        .get_deref(b"Rect", doc)
        .ok()?
        .as_array()
        .ok()?
        .iter()
        .filter_map(|n| n.as_float().ok())
        .collect();
    let [x1, y1, x2, y2] = numbers[..] else {
        return None;
    };
    Some(([x1.min(x2), y1.min(y2), x1.max(x2), y1.max(y2)], spot))
}

/// A field name from a label that no other field has: a full stop
/// separates the parts of a field's name, so each becomes a space, and
/// a label used again gets a number (`Signed`, `Signed 2`).
fn unique_name(taken: &mut HashSet<String>, label: &str) -> String {
    let base = label.replace('.', " ").trim().to_string();
    let mut name = base.clone();
    let mut n = 1;
    while taken.contains(&name) {
        n += 1;
        name = format!("{base} {n}");
    }
    taken.insert(name.clone());
    name
}

/// The field and widget (one dictionary) for a marked place, named `name`.
fn widget(doc: &mut Document, mark: &Marked, name: &str) -> Dictionary {
    let [left, bottom, right, top] = mark.rect;
    let (width, height) = (right - left, top - bottom);
    let mut widget = Dictionary::new();
    widget.set("Type", Object::Name(b"Annot".to_vec()));
    widget.set("Subtype", Object::Name(b"Widget".to_vec()));
    widget.set(
        "Rect",
        Object::Array(mark.rect.iter().map(|&n| Object::Real(n)).collect()),
    );
    widget.set("P", mark.page);
    widget.set("F", PRINT);
    widget.set("T", text_string(name));
    widget.set("TU", text_string(&mark.spot.label));
    // No border and no background (`/MK` has no `/BC` or `/BG`): the
    // page's rules show through.
    match mark.spot.kind {
        Kind::Checkbox => {
            widget.set("FT", Object::Name(b"Btn".to_vec()));
            widget.set("V", Object::Name(b"Off".to_vec()));
            widget.set("AS", Object::Name(b"Off".to_vec()));
            widget.set("DA", Object::string_literal("/ZaDb 0 Tf 0 g"));
            let mut looks = Dictionary::new();
            looks.set(
                "Yes",
                doc.add_object(appearance(width, height, &tick(width, height))),
            );
            looks.set("Off", doc.add_object(appearance(width, height, "")));
            widget.set(
                "AP",
                Dictionary::from_iter([("N", Object::Dictionary(looks))]),
            );
            // What a reader that draws its own ticks draws: ZapfDingbats' tick.
            widget.set(
                "MK",
                Dictionary::from_iter([("CA", Object::string_literal("4"))]),
            );
        }
        kind => {
            widget.set("FT", Object::Name(b"Tx".to_vec()));
            widget.set(
                "DA",
                Object::string_literal(format!("/Helv {TEXT_SIZE} Tf 0 g")),
            );
            match kind {
                Kind::Lines => widget.set("Ff", MULTILINE),
                Kind::Digits(most) => widget.set("MaxLen", most),
                _ => {}
            }
            let empty = doc.add_object(appearance(width, height, "/Tx BMC EMC"));
            widget.set(
                "AP",
                Dictionary::from_iter([("N", Object::Reference(empty))]),
            );
            widget.set("MK", Dictionary::new());
        }
    }
    widget
}

/// An appearance stream (a form XObject) `width` by `height` points,
/// drawing `content`.
fn appearance(width: f32, height: f32, content: &str) -> Stream {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set(
        "BBox",
        Object::Array(vec![
            Object::Integer(0),
            Object::Integer(0),
            Object::Real(width),
            Object::Real(height),
        ]),
    );
    Stream::new(dict, content.as_bytes().to_vec())
}

/// The drawing of a tick in a box `width` by `height` points: two
/// strokes, so no font is needed.
fn tick(width: f32, height: f32) -> String {
    let stroke = width.min(height) * 0.12;
    format!(
        "q 0 G {stroke:.2} w 1 J 1 j {:.2} {:.2} m {:.2} {:.2} l {:.2} {:.2} l S Q",
        width * 0.22,
        height * 0.52,
        width * 0.42,
        height * 0.28,
        width * 0.80,
        height * 0.78
    )
}

/// The document's form: its fields, in order, with the fonts their typed
/// text is shown in, and a request to readers to draw what is typed.
fn acro_form(doc: &mut Document, fields: Vec<Object>) -> Dictionary {
    let font = |base: &str, encoding: Option<&str>| {
        let mut font = Dictionary::new();
        font.set("Type", Object::Name(b"Font".to_vec()));
        font.set("Subtype", Object::Name(b"Type1".to_vec()));
        font.set("BaseFont", Object::Name(base.as_bytes().to_vec()));
        if let Some(encoding) = encoding {
            font.set("Encoding", Object::Name(encoding.as_bytes().to_vec()));
        }
        font
    };
    let helvetica = doc.add_object(font("Helvetica", Some("WinAnsiEncoding")));
    let dingbats = doc.add_object(font("ZapfDingbats", None));
    let fonts = Dictionary::from_iter([
        ("Helv", Object::Reference(helvetica)),
        ("ZaDb", Object::Reference(dingbats)),
    ]);
    let mut form = Dictionary::new();
    form.set("Fields", Object::Array(fields));
    form.set("NeedAppearances", true);
    form.set(
        "DA",
        Object::String(
            format!("/Helv {TEXT_SIZE} Tf 0 g").into_bytes(),
            StringFormat::Literal,
        ),
    );
    form.set(
        "DR",
        Dictionary::from_iter([("Font", Object::Dictionary(fonts))]),
    );
    form
}

/// Tags the widget whose `/StructParent` is `key` as a form
/// field: the `Link` structure element the browser made for the marking
/// link is dropped and its object reference moves into the `Form` element
/// just before it (the browser's for the control), or, with none there,
/// the `Link` becomes a `Form`. The parent tree then names that element.
fn tag_as_form(doc: &mut Document, key: i64) {
    let Some(link) = parent_tree_entry(doc, key) else {
        return;
    };
    let Ok(link_dict) = doc.get_dictionary(link) else {
        return;
    };
    if link_dict.get(b"S").and_then(Object::as_name).ok() != Some(b"Link") {
        return;
    }
    let object_reference = link_dict.get(b"K").ok().cloned();
    let parent = link_dict.get(b"P").and_then(Object::as_reference).ok();
    let control = parent.and_then(|parent| form_before(doc, parent, link));
    match (control, parent, object_reference) {
        (Some(control), Some(parent), Some(object_reference)) => {
            if let Ok(control_dict) = doc.get_dictionary_mut(control) {
                let mut kids = match control_dict.remove(b"K") {
                    Some(Object::Array(kids)) => kids,
                    Some(kid) => vec![kid],
                    None => Vec::new(),
                };
                kids.push(object_reference);
                control_dict.set("K", kids);
            }
            if let Ok(Object::Array(kids)) =
                doc.get_dictionary_mut(parent).and_then(|p| p.get_mut(b"K"))
            {
                kids.retain(|kid| kid.as_reference().ok() != Some(link));
            }
            set_parent_tree_entry(doc, key, control);
            doc.objects.remove(&link);
        }
        _ => {
            if let Ok(link_dict) = doc.get_dictionary_mut(link) {
                link_dict.set("S", Object::Name(b"Form".to_vec()));
            }
        }
    }
}

/// The `Form` structure element just before `element` among `parent`'s
/// children, if there is one.
fn form_before(doc: &Document, parent: ObjectId, element: ObjectId) -> Option<ObjectId> {
    let kids = doc
        .get_dictionary(parent)
        .ok()?
        .get(b"K")
        .ok()?
        .as_array()
        .ok()?;
    let at = kids
        .iter()
        .position(|kid| kid.as_reference().ok() == Some(element))?;
    let before = kids.get(at.checked_sub(1)?)?.as_reference().ok()?;
    let before_dict = doc.get_dictionary(before).ok()?;
    (before_dict.get(b"S").and_then(Object::as_name).ok() == Some(b"Form")).then_some(before)
}

/// The structure tree's parent tree, where every `/StructParent` key is
/// looked up.
fn parent_tree(doc: &Document) -> Option<ObjectId> {
    let root = doc
        .catalog()
        .ok()?
        .get(b"StructTreeRoot")
        .ok()?
        .as_reference()
        .ok()?;
    doc.get_dictionary(root)
        .ok()?
        .get(b"ParentTree")
        .ok()?
        .as_reference()
        .ok()
}

/// The number-tree leaf (a dictionary holding `/Nums`) that holds `key`,
/// looked for from `node` down at most `depth` levels.
fn leaf_for(doc: &Document, node: ObjectId, key: i64, depth: usize) -> Option<ObjectId> {
    let dict = doc.get_dictionary(node).ok()?;
    if let Ok(nums) = dict.get(b"Nums").and_then(Object::as_array) {
        let holds = nums
            .chunks(2)
            .any(|pair| pair.first().and_then(|k| k.as_i64().ok()) == Some(key));
        return holds.then_some(node);
    }
    let kids = dict.get(b"Kids").ok()?.as_array().ok()?;
    kids.iter()
        .filter_map(|kid| kid.as_reference().ok())
        .filter(|_| depth > 0)
        .find_map(|kid| leaf_for(doc, kid, key, depth - 1))
}

/// The structure element the parent tree gives for `key`.
fn parent_tree_entry(doc: &Document, key: i64) -> Option<ObjectId> {
    let leaf = leaf_for(doc, parent_tree(doc)?, key, 32)?;
    let nums = doc
        .get_dictionary(leaf)
        .ok()?
        .get(b"Nums")
        .ok()?
        .as_array()
        .ok()?;
    nums.chunks(2)
        .find(|pair| pair.first().and_then(|k| k.as_i64().ok()) == Some(key))
        .and_then(|pair| pair.get(1)?.as_reference().ok())
}

/// Makes the parent tree give `element` for `key`.
fn set_parent_tree_entry(doc: &mut Document, key: i64, element: ObjectId) {
    let Some(leaf) = parent_tree(doc).and_then(|tree| leaf_for(doc, tree, key, 32)) else {
        return;
    };
    if let Ok(Object::Array(nums)) = doc
        .get_dictionary_mut(leaf)
        .and_then(|d| d.get_mut(b"Nums"))
    {
        for pair in nums.chunks_mut(2) {
            if let [k, value] = pair {
                if k.as_i64().ok() == Some(key) {
                    *value = Object::Reference(element);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_gives_its_kind_and_its_label() {
        assert_eq!(
            read_spot(b"file:///tmp/out/a/index.html?signpost-field=text/Mentor%27s%20name"),
            Some(Spot {
                kind: Kind::Text,
                label: "Mentor's name".to_string()
            })
        );
        assert_eq!(
            read_spot("?signpost-field=year/Dyddiad%20%C3%A2%3A%20Blwyddyn".as_bytes())
                .map(|s| (s.kind, s.label)),
            Some((Kind::Digits(4), "Dyddiad â: Blwyddyn".to_string()))
        );
        assert_eq!(
            read_spot(b"https://example.org/a/?signpost-field=lines/Notes#top").map(|s| s.kind),
            Some(Kind::Lines)
        );
    }

    #[test]
    fn other_links_and_broken_markers_are_not_fields() {
        assert_eq!(read_spot(b"https://example.org/text/Name"), None);
        assert_eq!(
            read_spot(b"https://example.org/?q=signpost-field=text/Name"),
            None
        );
        assert_eq!(read_spot(b"?signpost-field=radio/Name"), None);
        assert_eq!(read_spot(b"?signpost-field=text/%20"), None);
        assert_eq!(read_spot(b"?signpost-field=text"), None);
        assert_eq!(read_spot(b"?signpost-field=text/%FF"), None);
    }

    #[test]
    fn repeated_labels_get_numbers_and_full_stops_go() {
        let mut taken = HashSet::new();
        let names: Vec<String> = ["Signed", "Signed", "Signed 2", "Signed", "Dr. Who"]
            .iter()
            .map(|label| unique_name(&mut taken, label))
            .collect();
        assert_eq!(
            names,
            ["Signed", "Signed 2", "Signed 2 2", "Signed 3", "Dr  Who"]
        );
    }

    #[test]
    fn a_pdf_without_markers_is_left_as_it_is() {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let page = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Page".to_vec())),
            ("Parent", Object::Reference(pages)),
        ]));
        doc.objects.insert(
            pages,
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Kids", Object::Array(vec![page.into()])),
                ("Count", Object::Integer(1)),
            ])),
        );
        let catalog = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages)),
        ]));
        doc.trailer.set("Root", catalog);
        let before = doc.objects.clone();
        make_fillable(&mut doc).unwrap();
        assert_eq!(doc.objects, before);
        assert!(doc.catalog().unwrap().get(b"AcroForm").is_err());
    }
}
