//! Heading ids: the anchors that links such as `implement.md#matching` go to.

use std::collections::HashSet;

/// An id from a heading's text, as docs/content.md promises: lowercased, each run of
/// characters other than letters and digits made one hyphen, trimmed.
pub(crate) fn slugify(text: &str) -> String {
    crate::util::slug::slug(text, char::is_alphanumeric)
}

/// Hands out unique ids on one page: the second `matching` is `matching-1`.
/// Headings, footnotes and fields share one set; footnotes and fields use
/// ids with `_`, which no heading id has, so headings get exactly the ids
/// docs/content.md promises, and so do the templates' own ids (`main_content`).
#[derive(Default)]
pub(crate) struct IdSet(HashSet<String>);

impl IdSet {
    /// The id itself if unused, else the first free `id-N`.
    pub(crate) fn unique(&mut self, id: &str) -> String {
        let id = if id.is_empty() { "section" } else { id };
        let mut candidate = id.to_string();
        let mut n = 0;
        while self.0.contains(&candidate) {
            n += 1;
            candidate = format!("{id}-{n}");
        }
        self.0.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_spec() {
        assert_eq!(
            slugify("Who makes a good mentor?"),
            "who-makes-a-good-mentor"
        );
        assert_eq!(
            slugify("  Stage 2: Prepare — the basics "),
            "stage-2-prepare-the-basics"
        );
        assert_eq!(slugify("Café & Ünïcode"), "café-ünïcode");
    }

    #[test]
    fn repeats_get_numbers() {
        let mut ids = IdSet::default();
        assert_eq!(ids.unique("notes"), "notes");
        assert_eq!(ids.unique("notes"), "notes-1");
        assert_eq!(ids.unique("notes"), "notes-2");
        assert_eq!(
            ids.unique("main"),
            "main",
            "no heading id is taken by a template"
        );
    }
}
