//! The `links/audience` rule: a link whose words name one audience ("for
//! staff and managers", "in easy read") should go to that audience's
//! version of the page, not to the reader's own or a third's.

use super::rules::finding::{Finding, Findings, Rule};
use crate::content::{Site, VersionId};
use crate::markdown::SourceMap;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Words that name a built-in audience in a link, besides the names
/// site.yaml gives the audiences (in every language).
const BUILT_IN_NAMES: [(&str, &[&str]); 3] = [
    (
        "professional",
        &[
            "for professionals",
            "for staff",
            "staff and managers",
            "for managers",
            "i weithwyr proffesiynol",
            "i staff",
        ],
    ),
    (
        "carer",
        &[
            "for carers",
            "carers and families",
            "for families",
            "i ofalwyr",
        ],
    ),
    (
        "easy-read",
        &[
            "easy read",
            "easy-read",
            "hawdd ei ddeall",
            "hawdd ei deall",
        ],
    ),
];

/// Finds the links in version `id`'s Markdown (after the Tera pass) whose
/// words name exactly one audience and that go to another audience's
/// version of a page; `map` places them in the file.
pub(crate) fn check(site: &Site, id: VersionId, markdown: &str, map: &SourceMap) -> Vec<Finding> {
    let names = audience_names(site);
    let version = &site.versions[id];
    let folder = &site.pages[version.page].folder;
    let mut findings = Findings::new(Rule::LinksAudience);
    for link in links(markdown) {
        let Some(named) = named_audience(&names, &link.text) else {
            continue;
        };
        let Ok(destination) = site.link_destination(folder, &link.dest) else {
            continue;
        };
        let Some(target) = site.linked_version(id, &destination) else {
            continue;
        };
        let target = &site.versions[target];
        if target.audience == named {
            continue;
        }
        let offset = markdown[link.offset..]
            .find(link.dest.as_str())
            .map_or(link.offset, |i| link.offset + i);
        findings.add(
            map.place(offset, &link.dest),
            format!(
                "the link \"{}\" names the `{named}` audience, but goes to the `{}` audience's page /{}",
                link.text, target.audience, target.url
            ),
            format!(
                "to open that audience's version, name it in the link: {}",
                audience_file(&link.dest, named)
            ),
        );
    }
    findings.into_vec()
}

/// A link as written: its words, its address, and where it starts in the
/// Markdown.
struct WrittenLink {
    text: String,
    dest: String,
    offset: usize,
}

/// Every link in the Markdown, with its words as plain text.
fn links(markdown: &str) -> Vec<WrittenLink> {
    let mut found = Vec::new();
    let mut open: Option<WrittenLink> = None;
    for (event, range) in Parser::new_ext(markdown, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                open = Some(WrittenLink {
                    text: String::new(),
                    dest: dest_url.to_string(),
                    offset: range.start,
                });
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(link) = open.as_mut() {
                    link.text.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(link) = open.as_mut() {
                    link.text.push(' ');
                }
            }
            Event::End(TagEnd::Link) => found.extend(open.take()),
            _ => {}
        }
    }
    found
}

/// Every audience's names, lowercased: its label in site.yaml and in
/// each language, and for a built-in audience the usual words for it.
fn audience_names(site: &Site) -> Vec<(&str, Vec<String>)> {
    site.config
        .audiences
        .iter()
        .map(|audience| {
            let mut names = vec![audience.label.to_lowercase()];
            for language in &site.config.languages {
                if let Some(label) = language.audience_labels.get(&audience.id) {
                    names.push(label.to_lowercase());
                }
            }
            if let Some((_, words)) = BUILT_IN_NAMES.iter().find(|(id, _)| *id == audience.id) {
                names.extend(words.iter().map(|w| w.to_string()));
            }
            (audience.id.as_str(), names)
        })
        .collect()
}

/// The one audience a link's words name, if they name exactly one.
fn named_audience<'a>(names: &[(&'a str, Vec<String>)], text: &str) -> Option<&'a str> {
    let text = text.to_lowercase();
    let mut named = names
        .iter()
        .filter(|(_, words)| words.iter().any(|w| contains_words(&text, w)))
        .map(|(id, _)| *id);
    let first = named.next()?;
    named.next().is_none().then_some(first)
}

/// Whether `text` holds `words` as whole words.
fn contains_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The address naming `audience`'s version of the page `dest` links to:
/// `poster.md` becomes `poster.AUDIENCE.md`.
fn audience_file(dest: &str, audience: &str) -> String {
    let (path, rest) = dest.split_at(dest.find(['#', '?']).unwrap_or(dest.len()));
    let path = path.trim_end_matches('/');
    let stem = path.strip_suffix(".md").unwrap_or(path);
    // A link to a section by its folder names its `_index.md`.
    let stem = if path.ends_with(".md") {
        // `poster.carer.md` names another audience: keep its base name.
        stem.rsplit_once('.')
            .filter(|(_, last)| !last.contains('/'))
            .map_or(stem, |(base, _)| base)
    } else {
        return format!("{stem}/_index.{audience}.md{rest}");
    };
    format!("{stem}.{audience}.md{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_names_an_audience_only_in_whole_words() {
        let names = vec![
            ("professional", vec!["for staff".to_string()]),
            ("carer", vec!["for carers".to_string()]),
        ];
        assert_eq!(
            named_audience(&names, "For staff and managers"),
            Some("professional")
        );
        assert_eq!(named_audience(&names, "for staffing"), None);
        assert_eq!(named_audience(&names, "for staff or for carers"), None);
    }

    #[test]
    fn the_hint_names_the_audience_file() {
        assert_eq!(
            audience_file("poster.md", "professional"),
            "poster.professional.md"
        );
        assert_eq!(
            audience_file("poster.carer.md#top", "easy-read"),
            "poster.easy-read.md#top"
        );
        assert_eq!(
            audience_file("../guide/", "carer"),
            "../guide/_index.carer.md"
        );
    }
}
