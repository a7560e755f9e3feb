//! Marking a printed PDF's page furniture as artifacts. Chromium tags what
//! the page's HTML holds, but writes what it draws itself (the running
//! heads from the `@page` margin boxes, a sheet's white background) outside
//! any marked content: neither part of the structure tree nor marked as an
//! artifact, which PDF/UA forbids, and which some screen readers read out
//! on every sheet. This module wraps each such run of drawing in
//! `/Artifact BMC … EMC`, and leaves what is tagged as it is.

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object};

/// The operators that put marks on the page: showing text, painting a
/// path, a shading, an image or a form XObject.
const PAINTING: [&str; 16] = [
    "Tj", "TJ", "'", "\"", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "BI",
];

/// Marks as an artifact everything drawn outside marked content on every
/// page of `document`. `Err` names a page whose content could not be read.
pub(crate) fn mark_untagged(document: &mut Document) -> Result<(), String> {
    let pages: Vec<_> = document.get_pages().into_iter().collect();
    for (number, page) in pages {
        let content = document
            .get_and_decode_page_content(page)
            .map_err(|e| format!("cannot read the content of sheet {number}: {e}"))?;
        let Some(marked) = wrap_untagged(&content.operations) else {
            continue;
        };
        let bytes = Content { operations: marked }
            .encode()
            .map_err(|e| format!("cannot write the content of sheet {number}: {e}"))?;
        document
            .change_page_content(page, bytes)
            .map_err(|e| format!("cannot write the content of sheet {number}: {e}"))?;
    }
    Ok(())
}

/// The operations with every run of drawing outside marked content wrapped
/// as an artifact, or `None` when there is no such run. A run never
/// crosses the edge of a text object that holds marked content: marked
/// content in a text object must begin and end in it.
fn wrap_untagged(operations: &[Operation]) -> Option<Vec<Operation>> {
    let mut wrapped = Wrapper::default();
    let mut depth = 0usize;
    let mut split_text = false;
    for (at, operation) in operations.iter().enumerate() {
        match operation.operator.as_str() {
            "BDC" | "BMC" => {
                if depth == 0 {
                    wrapped.flush();
                }
                depth += 1;
                wrapped.out.push(operation.clone());
            }
            "EMC" if depth > 0 => {
                depth -= 1;
                wrapped.out.push(operation.clone());
            }
            "BT" if depth == 0 && holds_marked_content(&operations[at..]) => {
                wrapped.flush();
                split_text = true;
                wrapped.out.push(operation.clone());
            }
            "ET" if depth == 0 && split_text => {
                wrapped.flush();
                split_text = false;
                wrapped.out.push(operation.clone());
            }
            _ if depth == 0 => wrapped.run.push(operation.clone()),
            _ => wrapped.out.push(operation.clone()),
        }
    }
    wrapped.flush();
    wrapped.changed.then_some(wrapped.out)
}

/// Whether the text object that begins the operations holds marked content.
fn holds_marked_content(text_object: &[Operation]) -> bool {
    text_object
        .iter()
        .skip(1)
        .take_while(|operation| operation.operator != "ET")
        .any(|operation| matches!(operation.operator.as_str(), "BDC" | "BMC"))
}

/// The operations written so far, and the run of untagged ones waiting to
/// be written.
#[derive(Default)]
struct Wrapper {
    out: Vec<Operation>,
    run: Vec<Operation>,
    /// Whether any run has been wrapped.
    changed: bool,
}

impl Wrapper {
    /// Writes the waiting run, wrapped as an artifact if it draws anything.
    fn flush(&mut self) {
        let draws = self
            .run
            .iter()
            .any(|operation| PAINTING.contains(&operation.operator.as_str()));
        if draws {
            self.out.push(Operation::new(
                "BMC",
                vec![Object::Name(b"Artifact".to_vec())],
            ));
            self.out.append(&mut self.run);
            self.out.push(Operation::new("EMC", vec![]));
            self.changed = true;
        } else {
            self.out.append(&mut self.run);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(text: &str) -> Vec<Operation> {
        Content::decode(text.as_bytes()).unwrap().operations
    }

    fn text(operations: &[Operation]) -> String {
        operations
            .iter()
            .map(|o| o.operator.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_running_head_drawn_outside_the_tags_becomes_an_artifact() {
        let page = ops("q 1 1 1 rg 0 0 10 10 re f Q \
             BT /F1 12 Tf (Harbourside) Tj ET \
             /P <</MCID 0>> BDC BT (Words) Tj ET EMC");
        let marked = wrap_untagged(&page).unwrap();
        assert_eq!(
            text(&marked),
            "BMC q rg re f Q BT Tf Tj ET EMC BDC BT Tj ET EMC"
        );
    }

    #[test]
    fn text_objects_holding_tags_are_wrapped_inside_only() {
        let page = ops("BT (Page 1) Tj /P <</MCID 0>> BDC (Words) Tj EMC ET");
        let marked = wrap_untagged(&page).unwrap();
        assert_eq!(text(&marked), "BT BMC Tj EMC BDC Tj EMC ET");
    }

    #[test]
    fn a_page_with_everything_tagged_is_left_alone() {
        let page = ops("q /P <</MCID 0>> BDC BT (Words) Tj ET EMC Q");
        assert!(wrap_untagged(&page).is_none());
    }
}
